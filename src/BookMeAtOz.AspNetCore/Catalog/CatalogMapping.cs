using BookMeAtOz.Contracts;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Validation;

namespace BookMeAtOz.AspNetCore.Catalog;

/// <summary>Between the wire types of services, staff, schedules and time off and the domain's.</summary>
internal static class CatalogMapping
{
    private static readonly (DayOfWeek Day, string Name)[] Days =
    [
        (DayOfWeek.Monday, "monday"), (DayOfWeek.Tuesday, "tuesday"), (DayOfWeek.Wednesday, "wednesday"), (DayOfWeek.Thursday, "thursday"),
        (DayOfWeek.Friday, "friday"), (DayOfWeek.Saturday, "saturday"), (DayOfWeek.Sunday, "sunday"),
    ];

    private static readonly (QuestionType Type, string Name)[] QuestionTypes =
    [
        (QuestionType.Text, "text"), (QuestionType.LongText, "longText"), (QuestionType.Choice, "choice"), (QuestionType.MultiChoice, "multiChoice"),
        (QuestionType.Checkbox, "checkbox"), (QuestionType.Phone, "phone"), (QuestionType.Number, "number"), (QuestionType.Email, "email"),
    ];

    private static readonly (LocationKind Kind, string Name)[] LocationKinds =
        [(LocationKind.InPerson, "inPerson"), (LocationKind.Phone, "phone"), (LocationKind.Video, "video")];

    public static string QuestionTypeName(QuestionType type) => QuestionTypes.First(t => t.Type == type).Name;

    public static ServiceResponse ToResponse(Service s) => new(
        s.Id, s.Name, s.DurationMinutes, s.BufferBeforeMinutes, s.BufferAfterMinutes, s.PriceCents, s.Capacity, s.SlotIntervalMinutes, s.StaffIds, s.Active,
        [.. s.Questions.Select(ToDto)], s.Location is null ? null : ToDto(s.Location), s.RequiresApproval,
        [.. s.Resources.Select(r => new ResourceRequirementDto(r.ResourceId, r.Units))]) { StaffRequired = s.StaffRequired };

    public static ServiceRequest ToRequest(Service s) => new(
        s.Name, s.DurationMinutes, s.BufferBeforeMinutes, s.BufferAfterMinutes, s.PriceCents, s.Capacity, s.SlotIntervalMinutes, s.StaffIds, s.Active,
        [.. s.Questions.Select(ToDto)], s.Location is null ? null : ToDto(s.Location), s.RequiresApproval,
        [.. s.Resources.Select(r => new ResourceRequirementDto(r.ResourceId, r.Units))]) { StaffRequired = s.StaffRequired };

    private static QuestionDto ToDto(ServiceQuestion q) => new(q.Id, q.Label, QuestionTypeName(q.Type), q.Required, q.Choices, q.MaxLength);

    private static LocationDto ToDto(ServiceLocation l) => new(LocationKinds.First(k => k.Kind == l.Kind).Name, l.Address, l.Phone, l.Url);

    /// <summary>
    /// A service from a full request (after defaults or a merge), with every field error collected. A question with an id
    /// must be one of <paramref name="current"/>'s (it keeps the id); one without gets a new id.
    /// </summary>
    public static Service ToService(Guid id, Guid tenantId, ServiceRequest r, IReadOnlyList<ServiceQuestion> current, ValidationErrors errors)
    {
        errors.Require(r.DurationMinutes is not null, "durationMinutes", "Is required.");
        errors.Require(r.BufferBeforeMinutes is not null, "bufferBeforeMinutes", "Must be a number.");
        errors.Require(r.BufferAfterMinutes is not null, "bufferAfterMinutes", "Must be a number.");
        errors.Require(r.PriceCents is not null, "priceCents", "Must be a number.");
        errors.Require(r.Capacity is not null, "capacity", "Must be a number.");
        errors.Require(r.Active is not null, "active", "Must be true or false.");
        errors.Require(r.Questions is not null, "questions", "Must be an array.");
        errors.Require(r.RequiresApproval is not null, "requiresApproval", "Must be true or false.");
        errors.Require(r.Resources is not null, "resources", "Must be an array.");
        errors.Require(r.StaffRequired is not null, "staffRequired", "Must be a number.");
        var service = new Service(id, tenantId, r.Name!, r.DurationMinutes ?? 60, r.BufferBeforeMinutes ?? 0, r.BufferAfterMinutes ?? 0,
            r.PriceCents ?? 0, r.Capacity ?? 1, r.SlotIntervalMinutes, r.StaffIds ?? [], r.Active ?? true)
        {
            Questions = ToQuestions(r.Questions ?? [], current, errors),
            Location = r.Location is null ? null : ToLocation(r.Location, errors),
            RequiresApproval = r.RequiresApproval ?? false,
            Resources = ToResources(r.Resources ?? [], errors),
            StaffRequired = r.StaffRequired ?? 1,
        };
        return service;
    }

    private static List<ResourceRequirement> ToResources(IReadOnlyList<ResourceRequirementDto?> resources, ValidationErrors errors)
    {
        var result = new List<ResourceRequirement>(resources.Count);
        // Past the cap the service's validation reports the count; one more is read so that it sees it.
        for (var i = 0; i < resources.Count && i <= ResourceRequirement.MaxPerService; i++)
        {
            if (resources[i] is not { } r)
            {
                errors.Add($"resources[{i}]", "Must be {resourceId, units}.");
                continue;
            }

            errors.Require(r.ResourceId is not null, $"resources[{i}].resourceId", "Is required.");
            errors.Require(r.Units is not null, $"resources[{i}].units", "Is required.");
            result.Add(new ResourceRequirement(r.ResourceId ?? Guid.Empty, r.Units ?? 1));
        }

        return result;
    }

    public static ResourceResponse ToResponse(Resource r) => new(r.Id, r.Name, r.Kind, r.Quantity, r.Active);

    public static ResourceRequest ToRequest(Resource r) => new(r.Name, r.Kind, r.Quantity, r.Active);

    /// <summary>A new resource's defaults under the request's fields.</summary>
    public static ResourceRequest WithDefaults(ResourceRequest r) => r with { Quantity = r.Quantity ?? 1, Active = r.Active ?? true };

    public static Resource ToResource(Guid id, Guid tenantId, ResourceRequest r, ValidationErrors errors)
    {
        errors.Require(r.Quantity is not null, "quantity", "Must be a number.");
        errors.Require(r.Active is not null, "active", "Must be true or false.");
        var resource = new Resource(id, tenantId, r.Name!, r.Kind!, r.Quantity ?? 1, r.Active ?? true);
        resource.Validate(errors);
        return resource;
    }

    private static List<ServiceQuestion> ToQuestions(IReadOnlyList<QuestionDto?> questions, IReadOnlyList<ServiceQuestion> current, ValidationErrors errors)
    {
        var known = current.Select(q => q.Id).ToHashSet();
        var result = new List<ServiceQuestion>(questions.Count);
        // Past the cap the service's validation reports the count; one more is read so that it sees it.
        for (var i = 0; i < questions.Count && i <= ServiceQuestion.MaxQuestions; i++)
        {
            var field = $"questions[{i}].";
            if (questions[i] is not { } q)
            {
                errors.Add($"questions[{i}]", "Must be a question.");
                continue;
            }

            errors.Require(q.Id is null || known.Contains(q.Id.Value), field + "id", "Is not a question of this service: leave the id out for a new question.");
            var type = QuestionTypes.FirstOrDefault(t => string.Equals(t.Name, q.Type, StringComparison.Ordinal));
            errors.Require(type.Name is not null, field + "type", "Must be text, longText, choice, multiChoice, checkbox, phone, number or email.");
            result.Add(new ServiceQuestion(q.Id ?? Guid.NewGuid(), q.Label!, type.Type, q.Required ?? false, q.Choices, q.MaxLength));
        }

        return result;
    }

    private static ServiceLocation? ToLocation(LocationDto location, ValidationErrors errors)
    {
        var kind = LocationKinds.FirstOrDefault(k => string.Equals(k.Name, location.Kind, StringComparison.Ordinal));
        if (kind.Name is null)
        {
            errors.Add("location.kind", "Must be inPerson, phone or video.");
            return null;
        }

        return new ServiceLocation(kind.Kind, location.Address, location.Phone, location.Url).Normalized();
    }

    /// <summary>A new service's defaults under the request's fields.</summary>
    public static ServiceRequest WithDefaults(ServiceRequest r) => r with
    {
        BufferBeforeMinutes = r.BufferBeforeMinutes ?? 0,
        BufferAfterMinutes = r.BufferAfterMinutes ?? 0,
        PriceCents = r.PriceCents ?? 0,
        Capacity = r.Capacity ?? 1,
        StaffIds = r.StaffIds ?? [],
        Active = r.Active ?? true,
        Questions = r.Questions ?? [],
        RequiresApproval = r.RequiresApproval ?? false,
        Resources = r.Resources ?? [],
        StaffRequired = r.StaffRequired ?? 1,
    };

    public static StaffResponse ToResponse(StaffMember s, bool withEmail) => new(s.Id, s.Name, withEmail ? s.Email : null, s.TimeZone, s.Active, s.MaxBookingsPerDay);

    public static StaffRequest ToRequest(StaffMember s) => new(s.Name, s.Email, s.TimeZone, s.Active, s.MaxBookingsPerDay);

    public static StaffMember ToStaff(Guid id, Guid tenantId, StaffRequest r, ValidationErrors errors)
    {
        errors.Require(r.TimeZone is not null, "timeZone", "Is required.");
        errors.Require(r.Active is not null, "active", "Must be true or false.");
        var staff = new StaffMember(id, tenantId, r.Name!, r.Email, r.TimeZone ?? "UTC", r.Active ?? true, r.MaxBookingsPerDay);
        staff.Validate(errors);
        return staff;
    }

    public static ScheduleDto ToDto(StaffSchedule schedule)
    {
        IReadOnlyList<IntervalDto> On(DayOfWeek day) =>
            schedule.Weekly.TryGetValue(day, out var intervals) ? [.. intervals.Select(ToDto)] : [];

        return new ScheduleDto(
            new WeeklyHoursDto(On(DayOfWeek.Monday), On(DayOfWeek.Tuesday), On(DayOfWeek.Wednesday), On(DayOfWeek.Thursday),
                On(DayOfWeek.Friday), On(DayOfWeek.Saturday), On(DayOfWeek.Sunday)),
            [.. schedule.Overrides.OrderBy(o => o.Date).Select(o => new DateOverrideDto(o.Date, [.. o.Intervals.Select(ToDto)]))]);
    }

    /// <summary>A schedule from the wire, with every malformed time, overlap and repeated date collected.</summary>
    public static StaffSchedule ToSchedule(ScheduleDto dto, ValidationErrors errors)
    {
        var weekly = new Dictionary<DayOfWeek, IReadOnlyList<WorkInterval>>();
        var w = dto.Weekly;
        IReadOnlyList<IntervalDto>?[] byDay = [w?.Monday, w?.Tuesday, w?.Wednesday, w?.Thursday, w?.Friday, w?.Saturday, w?.Sunday];
        for (var i = 0; i < Days.Length; i++)
        {
            if (byDay[i] is { } intervals)
            {
                weekly[Days[i].Day] = ParseIntervals(intervals, $"weekly.{Days[i].Name}", errors);
            }
        }

        var overrides = new List<DateOverride>();
        var list = dto.Overrides ?? [];
        errors.Require(list.Count <= 1000, "overrides", "At most 1000 overrides.");
        for (var i = 0; i < list.Count; i++)
        {
            var o = list[i];
            if (o is null)
            {
                errors.Add($"overrides[{i}]", "Is required.");
                continue;
            }

            errors.Require(o.Date is not null, $"overrides[{i}].date", "Is required.");
            var intervals = ParseIntervals(o.Intervals ?? [], $"overrides[{i}].intervals", errors);
            overrides.Add(new DateOverride(o.Date ?? default, intervals));
        }

        var schedule = new StaffSchedule(weekly, overrides);
        if (errors.IsEmpty)
        {
            schedule.Validate(errors);
        }

        return schedule;
    }

    public static TimeOffResponse ToResponse(TimeOff t, Http.Zoned zone) => new(t.Id, t.StaffId, zone.Show(t.Start), zone.Show(t.End), t.Reason);

    private static IntervalDto ToDto(WorkInterval interval) => new(interval.Start.ToString(), interval.End.ToString());

    private static List<WorkInterval> ParseIntervals(IReadOnlyList<IntervalDto> intervals, string field, ValidationErrors errors)
    {
        var parsed = new List<WorkInterval>();
        errors.Require(intervals.Count <= 48, field, "At most 48 intervals per day.");
        for (var i = 0; i < intervals.Count; i++)
        {
            var interval = intervals[i];
            if (interval is null)
            {
                errors.Add($"{field}[{i}]", "Is required.");
                continue;
            }

            var startOk = WallTime.TryParse(interval.Start, out var start);
            var endOk = WallTime.TryParse(interval.End, out var end);
            errors.Require(startOk, $"{field}[{i}].start", "Must be a time of day, HH:mm.");
            errors.Require(endOk, $"{field}[{i}].end", "Must be a time of day, HH:mm (24:00 allowed).");
            if (startOk && endOk)
            {
                parsed.Add(new WorkInterval(start, end));
            }
        }

        return parsed;
    }
}
