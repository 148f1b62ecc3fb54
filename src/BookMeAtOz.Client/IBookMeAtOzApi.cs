using BookMeAtOz.Contracts;
using Refit;

namespace BookMeAtOz.Client;

/// <summary>
/// The BookMeAtOz HTTP API v1, one method per route. Register it with
/// <c>services.AddBookMeAtOzClient(...)</c>, which names the tenant, signs requests in, retries what is safe to
/// retry and turns error answers into <see cref="BookMeAtOzApiException"/>.
/// </summary>
/// <remarks>
/// Instants are sent with their offset and come back in the tenant's (or the requested) time zone. Local dates
/// are <c>YYYY-MM-DD</c> in the tenant's zone unless a <c>timeZone</c> argument says otherwise. In the
/// <c>Update…Async</c> methods (<c>PATCH</c>) a null field means "keep the current value".
/// </remarks>
public interface IBookMeAtOzApi
{
    // --- Tenancy ---------------------------------------------------------------------------------------

    /// <summary>Signs up a new tenant and its owner, and signs the owner in (<c>POST /api/v1/tenants</c>). Needs no tenant.</summary>
    /// <param name="request">The tenant's slug, name, time zone, currency and owner.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The tenant and the owner's tokens.</returns>
    [Post("/api/v1/tenants")]
    Task<SignUpResponse> CreateTenantAsync([Body] SignUpRequest request, CancellationToken cancellationToken = default);

    /// <summary>The tenant's public information and policy (<c>GET /api/v1/tenant</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The tenant.</returns>
    [Get("/api/v1/tenant")]
    Task<TenantResponse> GetTenantAsync(CancellationToken cancellationToken = default);

    /// <summary>Changes the tenant's name, time zone, currency or policy (<c>PATCH /api/v1/tenant</c>; owners and admins).</summary>
    /// <param name="patch">The fields to change; null ones keep their values.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The tenant as it is now.</returns>
    [Patch("/api/v1/tenant")]
    Task<TenantResponse> UpdateTenantAsync([Body] TenantPatch patch, CancellationToken cancellationToken = default);

    // --- Auth and users --------------------------------------------------------------------------------

    /// <summary>Signs in with an email and password (<c>POST /api/v1/auth/token</c>).</summary>
    /// <param name="request">The credentials.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>An access token, a one-time refresh token and the user.</returns>
    [Post("/api/v1/auth/token")]
    Task<AuthResponse> SignInAsync([Body] TokenRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Exchanges a refresh token for a new pair (<c>POST /api/v1/auth/refresh</c>). Each refresh token works once;
    /// the client's token handler calls this by itself when an access token is refused.
    /// </summary>
    /// <param name="request">The refresh token.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new tokens.</returns>
    [Post("/api/v1/auth/refresh")]
    Task<AuthResponse> RefreshTokenAsync([Body] RefreshRequest request, CancellationToken cancellationToken = default);

    /// <summary>The signed-in user (<c>GET /api/v1/me</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The user the access token belongs to.</returns>
    [Get("/api/v1/me")]
    Task<UserResponse> GetMeAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds an owner, admin or staff user (<c>POST /api/v1/users</c>; owners and admins).</summary>
    /// <param name="request">The user's name, email, password, role and (for staff) staff member.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The user created.</returns>
    [Post("/api/v1/users")]
    Task<UserResponse> CreateUserAsync([Body] CreateUserRequest request, CancellationToken cancellationToken = default);

    /// <summary>The tenant's users, by email (<c>GET /api/v1/users</c>; owners and admins).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The users.</returns>
    [Get("/api/v1/users")]
    Task<ItemsResponse<UserResponse>> ListUsersAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes a user's role or staff link (<c>PATCH /api/v1/users/{id}</c>; owners and admins, only owners for owners).
    /// The user's tokens stop working at once; the tenant's last owner stays one (<c>409 last_owner</c>).
    /// </summary>
    /// <param name="id">The user.</param>
    /// <param name="request">The new role and, for staff, staff member; null fields keep their values (the staff link goes with a non-staff role).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The user as they are now.</returns>
    [Patch("/api/v1/users/{id}")]
    Task<UserResponse> UpdateUserAsync(Guid id, [Body] UpdateUserRequest request, CancellationToken cancellationToken = default);

    /// <summary>Removes a user; their tokens stop working at once (<c>DELETE /api/v1/users/{id}</c>; owners and admins, only owners for owners).</summary>
    /// <param name="id">The user.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    [Delete("/api/v1/users/{id}")]
    Task DeleteUserAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>E-mails an invitation link, valid 7 days, once (<c>POST /api/v1/users/invitations</c>; owners and admins).</summary>
    /// <param name="request">The address, role and (for staff) staff member.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The invitation sent.</returns>
    [Post("/api/v1/users/invitations")]
    Task<InvitationResponse> InviteUserAsync([Body] InviteUserRequest request, CancellationToken cancellationToken = default);

    /// <summary>Accepts an invitation with the link's token, a name and a password, and signs the new user in (<c>POST /api/v1/auth/invitations/accept</c>).</summary>
    /// <param name="request">The token, name and password.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new user's tokens.</returns>
    [Post("/api/v1/auth/invitations/accept")]
    Task<AuthResponse> AcceptInvitationAsync([Body] AcceptInvitationRequest request, CancellationToken cancellationToken = default);

    /// <summary>Changes the signed-in user's password (<c>POST /api/v1/auth/password</c>); their other sessions end.</summary>
    /// <param name="request">The current and the new password.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>New tokens for this session (the old ones no longer work).</returns>
    [Post("/api/v1/auth/password")]
    Task<AuthResponse> ChangePasswordAsync([Body] ChangePasswordRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks for a password-reset link, valid 1 hour, once (<c>POST /api/v1/auth/password-reset</c>). Answers the same
    /// whether or not a user has the address.
    /// </summary>
    /// <param name="request">The address.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    [Post("/api/v1/auth/password-reset")]
    Task RequestPasswordResetAsync([Body] PasswordResetRequest request, CancellationToken cancellationToken = default);

    /// <summary>Sets a new password with a reset link's token (<c>POST /api/v1/auth/password-reset/confirm</c>); every session of the user ends.</summary>
    /// <param name="request">The token and the new password.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    [Post("/api/v1/auth/password-reset/confirm")]
    Task ConfirmPasswordResetAsync([Body] ConfirmPasswordResetRequest request, CancellationToken cancellationToken = default);

    // --- Services --------------------------------------------------------------------------------------

    /// <summary>The services: active ones, or all of them for admins (<c>GET /api/v1/services</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The services.</returns>
    [Get("/api/v1/services")]
    Task<ItemsResponse<ServiceResponse>> ListServicesAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a service (<c>POST /api/v1/services</c>; admins).</summary>
    /// <param name="request">The service; <c>name</c> and <c>durationMinutes</c> are required.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The service created.</returns>
    [Post("/api/v1/services")]
    Task<ServiceResponse> CreateServiceAsync([Body] ServiceRequest request, CancellationToken cancellationToken = default);

    /// <summary>A service (<c>GET /api/v1/services/{id}</c>).</summary>
    /// <param name="id">The service's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The service.</returns>
    [Get("/api/v1/services/{id}")]
    Task<ServiceResponse> GetServiceAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Changes a service (<c>PATCH /api/v1/services/{id}</c>; admins).</summary>
    /// <param name="id">The service's id.</param>
    /// <param name="patch">The fields to change; null ones keep their values.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The service as it is now.</returns>
    [Patch("/api/v1/services/{id}")]
    Task<ServiceResponse> UpdateServiceAsync(Guid id, [Body] ServiceRequest patch, CancellationToken cancellationToken = default);

    /// <summary>Deletes a service; its bookings stay (<c>DELETE /api/v1/services/{id}</c>; admins).</summary>
    /// <param name="id">The service's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the service is gone.</returns>
    [Delete("/api/v1/services/{id}")]
    Task DeleteServiceAsync(Guid id, CancellationToken cancellationToken = default);

    // --- Staff -----------------------------------------------------------------------------------------

    /// <summary>The staff; emails for admins only (<c>GET /api/v1/staff</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The staff members.</returns>
    [Get("/api/v1/staff")]
    Task<ItemsResponse<StaffResponse>> ListStaffAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a staff member (<c>POST /api/v1/staff</c>; admins).</summary>
    /// <param name="request">The staff member; <c>name</c> is required, the zone defaults to the tenant's.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The staff member created.</returns>
    [Post("/api/v1/staff")]
    Task<StaffResponse> CreateStaffAsync([Body] StaffRequest request, CancellationToken cancellationToken = default);

    /// <summary>A staff member (<c>GET /api/v1/staff/{id}</c>).</summary>
    /// <param name="id">The staff member's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The staff member.</returns>
    [Get("/api/v1/staff/{id}")]
    Task<StaffResponse> GetStaffAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Changes a staff member (<c>PATCH /api/v1/staff/{id}</c>; admins).</summary>
    /// <param name="id">The staff member's id.</param>
    /// <param name="patch">The fields to change; null ones keep their values.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The staff member as they are now.</returns>
    [Patch("/api/v1/staff/{id}")]
    Task<StaffResponse> UpdateStaffAsync(Guid id, [Body] StaffRequest patch, CancellationToken cancellationToken = default);

    /// <summary>Deletes a staff member; their bookings stay (<c>DELETE /api/v1/staff/{id}</c>; admins).</summary>
    /// <param name="id">The staff member's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the staff member is gone.</returns>
    [Delete("/api/v1/staff/{id}")]
    Task DeleteStaffAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>A staff member's working hours (<c>GET /api/v1/staff/{id}/schedule</c>; admins and that staff member).</summary>
    /// <param name="id">The staff member's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Their weekly hours and date overrides.</returns>
    [Get("/api/v1/staff/{id}/schedule")]
    Task<ScheduleDto> GetScheduleAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Replaces a staff member's working hours (<c>PUT /api/v1/staff/{id}/schedule</c>; admins and that staff member).</summary>
    /// <param name="id">The staff member's id.</param>
    /// <param name="schedule">The weekly hours and date overrides.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The schedule as stored.</returns>
    [Put("/api/v1/staff/{id}/schedule")]
    Task<ScheduleDto> SetScheduleAsync(Guid id, [Body] ScheduleDto schedule, CancellationToken cancellationToken = default);

    /// <summary>A staff member's time off (<c>GET /api/v1/staff/{id}/time-off</c>; admins and that staff member).</summary>
    /// <param name="id">The staff member's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Their time off.</returns>
    [Get("/api/v1/staff/{id}/time-off")]
    Task<ItemsResponse<TimeOffResponse>> ListTimeOffAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Adds time off (<c>POST /api/v1/staff/{id}/time-off</c>; admins and that staff member).</summary>
    /// <param name="id">The staff member's id.</param>
    /// <param name="request">The start, end and an optional reason.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The time off created.</returns>
    [Post("/api/v1/staff/{id}/time-off")]
    Task<TimeOffResponse> AddTimeOffAsync(Guid id, [Body] TimeOffRequest request, CancellationToken cancellationToken = default);

    /// <summary>Removes time off (<c>DELETE /api/v1/staff/{id}/time-off/{timeOffId}</c>; admins and that staff member).</summary>
    /// <param name="id">The staff member's id.</param>
    /// <param name="timeOffId">The time off's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the time off is gone.</returns>
    [Delete("/api/v1/staff/{id}/time-off/{timeOffId}")]
    Task DeleteTimeOffAsync(Guid id, Guid timeOffId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Issues the staff member's secret calendar feed URL, replacing the one they had, which stops working at once
    /// (<c>POST /api/v1/staff/{id}/feed</c>; admins and that staff member).
    /// </summary>
    /// <param name="id">The staff member's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The URL, shown only now.</returns>
    [Post("/api/v1/staff/{id}/feed")]
    Task<CalendarFeedResponse> RotateStaffFeedAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Revokes the staff member's calendar feed URL (<c>DELETE /api/v1/staff/{id}/feed</c>; admins and that staff member).</summary>
    /// <param name="id">The staff member's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the URL no longer works.</returns>
    [Delete("/api/v1/staff/{id}/feed")]
    Task DeleteStaffFeedAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>
    /// A staff member's calendar feed as iCalendar text (<c>GET /feeds/{token}.ics</c>; anyone with the URL). Calendar apps
    /// read it themselves; this is for .NET callers that want the bookings as a calendar.
    /// </summary>
    /// <param name="token">The feed's token: the URL's last segment without <c>.ics</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The <c>text/calendar</c> body.</returns>
    [Get("/feeds/{token}.ics")]
    Task<string> GetStaffFeedAsync(string token, CancellationToken cancellationToken = default);

    /// <summary>Connects (or replaces) a staff member's CalDAV calendar (<c>PUT /api/v1/staff/{id}/caldav</c>; admins and that staff member).</summary>
    /// <param name="id">The staff member's id.</param>
    /// <param name="request">The collection URL, user name and password.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The connection's status (without the password).</returns>
    [Put("/api/v1/staff/{id}/caldav")]
    Task<CalDavStatusResponse> ConnectCalDavAsync(Guid id, [Body] CalDavConnectionRequest request, CancellationToken cancellationToken = default);

    /// <summary>A staff member's CalDAV sync status, last sync, last error and conflicts (<c>GET /api/v1/staff/{id}/caldav</c>; admins and that staff member).</summary>
    /// <param name="id">The staff member's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The status.</returns>
    [Get("/api/v1/staff/{id}/caldav")]
    Task<CalDavStatusResponse> GetCalDavAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Disconnects a staff member's CalDAV calendar; its busy time is forgotten (<c>DELETE /api/v1/staff/{id}/caldav</c>).</summary>
    /// <param name="id">The staff member's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when it is disconnected.</returns>
    [Delete("/api/v1/staff/{id}/caldav")]
    Task DisconnectCalDavAsync(Guid id, CancellationToken cancellationToken = default);

    // --- Closures ----------------------------------------------------------------------------------------

    /// <summary>The tenant's closures, by first date (<c>GET /api/v1/closures</c>; anyone).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The closures.</returns>
    [Get("/api/v1/closures")]
    Task<ItemsResponse<ClosureResponse>> ListClosuresAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Closes the tenant on local dates (<c>POST /api/v1/closures</c>; admins). Bookings already made on them are not
    /// cancelled: the answer lists them.
    /// </summary>
    /// <param name="request">The first and last closed dates and an optional reason.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The closure with the affected bookings.</returns>
    [Post("/api/v1/closures")]
    Task<ClosureCreatedResponse> CreateClosureAsync([Body] ClosureRequest request, CancellationToken cancellationToken = default);

    /// <summary>Removes a closure (<c>DELETE /api/v1/closures/{id}</c>; admins).</summary>
    /// <param name="id">The closure's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the closure is gone.</returns>
    [Delete("/api/v1/closures/{id}")]
    Task DeleteClosureAsync(Guid id, CancellationToken cancellationToken = default);

    // --- Resources ---------------------------------------------------------------------------------------

    /// <summary>The tenant's resources, by name (<c>GET /api/v1/resources</c>; anyone).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The resources.</returns>
    [Get("/api/v1/resources")]
    Task<ItemsResponse<ResourceResponse>> ListResourcesAsync(CancellationToken cancellationToken = default);

    /// <summary>A resource (<c>GET /api/v1/resources/{id}</c>; anyone).</summary>
    /// <param name="id">The resource's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The resource.</returns>
    [Get("/api/v1/resources/{id}")]
    Task<ResourceResponse> GetResourceAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Adds a resource (<c>POST /api/v1/resources</c>; admins).</summary>
    /// <param name="request">Its name, kind, quantity and whether it is active.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The resource created.</returns>
    [Post("/api/v1/resources")]
    Task<ResourceResponse> CreateResourceAsync([Body] ResourceRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes a resource (<c>PATCH /api/v1/resources/{id}</c>; admins). Its quantity cannot go down while bookings that have
    /// not ended use it (<c>409 conflict</c>).
    /// </summary>
    /// <param name="id">The resource's id.</param>
    /// <param name="patch">The fields to change; null ones keep their values.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The resource as it is now.</returns>
    [Patch("/api/v1/resources/{id}")]
    Task<ResourceResponse> UpdateResourceAsync(Guid id, [Body] ResourceRequest patch, CancellationToken cancellationToken = default);

    /// <summary>Deletes a resource no service requires (<c>DELETE /api/v1/resources/{id}</c>; admins; else <c>409 conflict</c>).</summary>
    /// <param name="id">The resource's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the resource is gone.</returns>
    [Delete("/api/v1/resources/{id}")]
    Task DeleteResourceAsync(Guid id, CancellationToken cancellationToken = default);

    // --- Availability and bookings ---------------------------------------------------------------------

    /// <summary>A service's free slots between two local dates, inclusive, at most 62 days (<c>GET /api/v1/availability</c>).</summary>
    /// <param name="serviceId">The service.</param>
    /// <param name="fromDate">The first local date (<c>from</c>).</param>
    /// <param name="toDate">The last local date (<c>to</c>).</param>
    /// <param name="staffId">Only this staff member's slots; null = anyone who performs the service.</param>
    /// <param name="timeZone">The IANA zone of the dates and of the answer's offsets; null = the tenant's.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>
    /// The staff once, and one slot per start instant, by start, naming its staff by index. At most 2 MiB: when the window
    /// does not fit, every slot up to and including <see cref="AvailabilityResponse.TruncatedAfter"/>; ask again from the
    /// day after it.
    /// </returns>
    [Get("/api/v1/availability")]
    Task<AvailabilityResponse> GetAvailabilityAsync(
        Guid serviceId,
        [AliasAs("from"), Query(Format = "yyyy-MM-dd")] DateOnly fromDate,
        [AliasAs("to"), Query(Format = "yyyy-MM-dd")] DateOnly toDate,
        Guid? staffId = null,
        string? timeZone = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Books an offered slot (<c>POST /api/v1/bookings</c>). The call carries an <c>Idempotency-Key</c>, generated
    /// once per call when <paramref name="idempotencyKey"/> is null, so a retry after a lost answer returns the
    /// first booking instead of booking twice.
    /// </summary>
    /// <param name="request">The service, start, optional staff member, customer and notes.</param>
    /// <param name="idempotencyKey">
    /// A key of your own (for example your order id) to make repeats of this call across processes safe; null =
    /// a new random key for this call.
    /// </param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The booking, with its <c>manageToken</c> (given only in this answer).</returns>
    /// <exception cref="BookMeAtOzApiException">
    /// With code <c>slot_unavailable</c> when the time is not offered or was just taken; <c>hold_expired</c> when the request's
    /// <see cref="CreateBookingRequest.HoldId"/> lapsed, was released or was already booked.
    /// </exception>
    [Post("/api/v1/bookings")]
    Task<BookingResponse> CreateBookingAsync(
        [Body] CreateBookingRequest request,
        [Header(BookMeAtOzHeaders.IdempotencyKey)] string? idempotencyKey = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Holds an offered slot for the tenant's <c>holdMinutes</c> while the guest fills in the form (<c>POST /api/v1/holds</c>;
    /// anyone, rate limited per client address). Book it with <see cref="CreateBookingAsync"/> and
    /// <see cref="CreateBookingRequest.HoldId"/>, or let it go with <see cref="ReleaseHoldAsync"/>.
    /// </summary>
    /// <param name="request">The service, start and optional staff member.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The hold, with the staff member held and when it lapses.</returns>
    /// <exception cref="BookMeAtOzApiException">With code <c>slot_unavailable</c> when the time is not offered or is taken.</exception>
    [Post("/api/v1/holds")]
    Task<HoldResponse> CreateHoldAsync([Body] CreateHoldRequest request, CancellationToken cancellationToken = default);

    /// <summary>Releases a hold at once (<c>DELETE /api/v1/holds/{id}</c>); releasing an unknown, lapsed or booked hold changes nothing.</summary>
    /// <param name="id">The hold's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the hold is gone.</returns>
    [Delete("/api/v1/holds/{id}")]
    Task ReleaseHoldAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>A page of bookings (<c>GET /api/v1/bookings</c>; admins, or staff for their own).</summary>
    /// <param name="fromDate">The first local date (<c>from</c>); null = no lower bound.</param>
    /// <param name="toDate">The last local date (<c>to</c>); null = no upper bound.</param>
    /// <param name="staffId">Only this staff member's bookings.</param>
    /// <param name="status"><c>confirmed</c> or <c>cancelled</c>; null = both.</param>
    /// <param name="cursor">The previous page's <c>nextCursor</c>; null = the first page.</param>
    /// <param name="limit">1–200; null = 50.</param>
    /// <param name="timeZone">The IANA zone of the dates and of the answer's offsets; null = the tenant's.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The page and the cursor of the next one.</returns>
    [Get("/api/v1/bookings")]
    Task<PageResponse<BookingResponse>> ListBookingsAsync(
        [AliasAs("from"), Query(Format = "yyyy-MM-dd")] DateOnly? fromDate = null,
        [AliasAs("to"), Query(Format = "yyyy-MM-dd")] DateOnly? toDate = null,
        Guid? staffId = null,
        string? status = null,
        string? cursor = null,
        int? limit = null,
        string? timeZone = null,
        CancellationToken cancellationToken = default);

    /// <summary>A booking (<c>GET /api/v1/bookings/{id}</c>; admins, its staff member, or its guest with the manage token).</summary>
    /// <param name="id">The booking's id.</param>
    /// <param name="manageToken">The guest's manage token; null when signed in as staff or admin.</param>
    /// <param name="timeZone">The IANA zone of the answer's offsets; null = the tenant's.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The booking.</returns>
    [Get("/api/v1/bookings/{id}")]
    Task<BookingResponse> GetBookingAsync(
        Guid id,
        [Header(BookMeAtOzHeaders.ManageToken)] string? manageToken = null,
        string? timeZone = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels a booking, freeing its time at once (<c>POST /api/v1/bookings/{id}/cancel</c>). Cancelling again
    /// changes nothing, so this call is retried after transient failures.
    /// </summary>
    /// <param name="id">The booking's id.</param>
    /// <param name="request">An optional reason.</param>
    /// <param name="manageToken">The guest's manage token; null when signed in as staff or admin.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The cancelled booking.</returns>
    [Post("/api/v1/bookings/{id}/cancel")]
    Task<BookingResponse> CancelBookingAsync(
        Guid id,
        [Body] CancelBookingRequest request,
        [Header(BookMeAtOzHeaders.ManageToken)] string? manageToken = null,
        CancellationToken cancellationToken = default);

    /// <summary>Moves a booking to another offered slot, atomically (<c>POST /api/v1/bookings/{id}/reschedule</c>).</summary>
    /// <param name="id">The booking's id.</param>
    /// <param name="request">The new start and, optionally, staff member.</param>
    /// <param name="manageToken">The guest's manage token; null when signed in as staff or admin.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The booking at its new time.</returns>
    /// <exception cref="BookMeAtOzApiException">With code <c>slot_unavailable</c> when the new time is not offered.</exception>
    [Post("/api/v1/bookings/{id}/reschedule")]
    Task<BookingResponse> RescheduleBookingAsync(
        Guid id,
        [Body] RescheduleBookingRequest request,
        [Header(BookMeAtOzHeaders.ManageToken)] string? manageToken = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Books a recurring series (<c>POST /api/v1/bookings/series</c>; anyone): weekly, fortnightly or monthly, by count or
    /// until a local date, every occurrence at the first one's local time. <c>allOrNothing</c> books every occurrence in one
    /// transaction or none; <c>available</c> books the free ones and lists the others as skipped.
    /// </summary>
    /// <param name="request">The first occurrence's booking fields, the recurrence and the mode.</param>
    /// <param name="idempotencyKey">A key of your own to make repeats safe; null = a new random key for this call.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The series with its <c>seriesManageToken</c> and bookings (each with its <c>manageToken</c>; given only here).</returns>
    /// <exception cref="BookMeAtOzApiException">
    /// With code <c>slot_unavailable</c> when an <c>allOrNothing</c> series has an unavailable occurrence (the problem's
    /// <c>skipped</c> lists them) or nothing is available.
    /// </exception>
    [Post("/api/v1/bookings/series")]
    Task<SeriesResponse> CreateBookingSeriesAsync(
        [Body] CreateSeriesRequest request,
        [Header(BookMeAtOzHeaders.IdempotencyKey)] string? idempotencyKey = null,
        CancellationToken cancellationToken = default);

    /// <summary>Cancels one occurrence of a series, it and the following ones, or all (<c>POST /api/v1/series/{id}/cancel</c>).</summary>
    /// <param name="id">The series' id.</param>
    /// <param name="request">The scope, the occurrence it starts from, and an optional reason.</param>
    /// <param name="manageToken">The series manage token; null when signed in as an admin.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The occurrences in scope as they now are.</returns>
    [Post("/api/v1/series/{id}/cancel")]
    Task<ItemsResponse<BookingResponse>> CancelBookingSeriesAsync(
        Guid id,
        [Body] CancelSeriesRequest request,
        [Header(BookMeAtOzHeaders.ManageToken)] string? manageToken = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves one occurrence of a series, it and the following ones, or all, atomically (<c>POST /api/v1/series/{id}/reschedule</c>):
    /// the anchor to the new start, the others by the same local days and to the same new local time.
    /// </summary>
    /// <param name="id">The series' id.</param>
    /// <param name="request">The scope, the anchor occurrence and its new start.</param>
    /// <param name="manageToken">The series manage token; null when signed in as an admin.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The occurrences in scope as they now are.</returns>
    /// <exception cref="BookMeAtOzApiException">With code <c>slot_unavailable</c> when an occurrence's new time is not offered (nothing moved).</exception>
    [Post("/api/v1/series/{id}/reschedule")]
    Task<ItemsResponse<BookingResponse>> RescheduleBookingSeriesAsync(
        Guid id,
        [Body] RescheduleSeriesRequest request,
        [Header(BookMeAtOzHeaders.ManageToken)] string? manageToken = null,
        CancellationToken cancellationToken = default);

    /// <summary>Approves a pending booking: it becomes confirmed (<c>POST /api/v1/bookings/{id}/approve</c>; owners and admins).</summary>
    /// <param name="id">The booking's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The confirmed booking.</returns>
    /// <exception cref="BookMeAtOzApiException">With code <c>invalid_transition</c> when the booking is not pending.</exception>
    [Post("/api/v1/bookings/{id}/approve")]
    Task<BookingResponse> ApproveBookingAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Declines a pending booking, freeing its time at once (<c>POST /api/v1/bookings/{id}/decline</c>; owners and admins).</summary>
    /// <param name="id">The booking's id.</param>
    /// <param name="request">An optional reason, told to the customer.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The declined booking.</returns>
    /// <exception cref="BookMeAtOzApiException">With code <c>invalid_transition</c> when the booking is not pending.</exception>
    [Post("/api/v1/bookings/{id}/decline")]
    Task<BookingResponse> DeclineBookingAsync(Guid id, [Body] DeclineBookingRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks a confirmed booking whose start has passed a no-show (<c>POST /api/v1/bookings/{id}/no-show</c>; admins and the
    /// booking's staff member). It stays in the history.
    /// </summary>
    /// <param name="id">The booking's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The booking, now <c>no_show</c>.</returns>
    /// <exception cref="BookMeAtOzApiException">With code <c>invalid_transition</c> when it is not confirmed or has not started.</exception>
    [Post("/api/v1/bookings/{id}/no-show")]
    Task<BookingResponse> MarkBookingNoShowAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The booking as an iCalendar event (<c>GET /api/v1/bookings/{id}/ics</c>, <c>text/calendar</c>).</summary>
    /// <param name="id">The booking's id.</param>
    /// <param name="manageToken">The guest's manage token; null when signed in as staff or admin.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The <c>VCALENDAR</c> text.</returns>
    [Get("/api/v1/bookings/{id}/ics")]
    Task<string> GetBookingCalendarAsync(
        Guid id,
        [Header(BookMeAtOzHeaders.ManageToken)] string? manageToken = null,
        CancellationToken cancellationToken = default);

    // --- Notifications ---------------------------------------------------------------------------------

    /// <summary>
    /// The tenant's booking e-mails, newest first, with their status (<c>GET /api/v1/notifications</c>; owners and
    /// admins): what was sent, what is waiting or being retried, and what failed for good and why.
    /// </summary>
    /// <param name="status">Only this status: <c>pending</c>, <c>sent</c>, <c>failed</c> or <c>cancelled</c>.</param>
    /// <param name="cursor">The previous page's <c>nextCursor</c>.</param>
    /// <param name="limit">At most this many (1–200, default 50).</param>
    /// <param name="timeZone">An IANA time zone for the instants (default the tenant's).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A page of notifications.</returns>
    [Get("/api/v1/notifications")]
    Task<PageResponse<NotificationResponse>> ListNotificationsAsync(
        string? status = null,
        string? cursor = null,
        int? limit = null,
        string? timeZone = null,
        CancellationToken cancellationToken = default);

    // --- Audit -----------------------------------------------------------------------------------------

    /// <summary>The tenant's audit log, newest first (<c>GET /api/v1/audit</c>; owners).</summary>
    /// <param name="entity">Only changes of this entity (a user's, invitation's or booking's id).</param>
    /// <param name="actor">Only changes made by this user.</param>
    /// <param name="fromDate">First local date (inclusive).</param>
    /// <param name="toDate">Last local date (inclusive).</param>
    /// <param name="cursor">The previous page's <c>nextCursor</c>.</param>
    /// <param name="limit">At most this many (1–200, default 50).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A page of audit entries.</returns>
    [Get("/api/v1/audit")]
    Task<PageResponse<AuditEntryResponse>> ListAuditAsync(
        Guid? entity = null,
        Guid? actor = null,
        [AliasAs("from"), Query(Format = "yyyy-MM-dd")] DateOnly? fromDate = null,
        [AliasAs("to"), Query(Format = "yyyy-MM-dd")] DateOnly? toDate = null,
        string? cursor = null,
        int? limit = null,
        CancellationToken cancellationToken = default);

    // --- Customers (owners and admins) -------------------------------------------------------------------

    /// <summary>The tenant's customers by e-mail, in address order (<c>GET /api/v1/customers</c>).</summary>
    /// <param name="search">Only customers whose name, e-mail or phone (on any of their bookings) contains this, case-insensitively.</param>
    /// <param name="cursor">The previous page's <c>nextCursor</c>.</param>
    /// <param name="limit">At most this many (1–200, default 50).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A page of customers.</returns>
    [Get("/api/v1/customers")]
    Task<PageResponse<CustomerResponse>> ListCustomersAsync(
        string? search = null,
        string? cursor = null,
        int? limit = null,
        CancellationToken cancellationToken = default);

    /// <summary>One customer with their booking history (<c>GET /api/v1/customers/{email}</c>); <c>404</c> when nobody booked with the address.</summary>
    /// <param name="email">The address (any case).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The customer.</returns>
    [Get("/api/v1/customers/{email}")]
    Task<CustomerDetailResponse> GetCustomerAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>Everything kept about one customer (<c>GET /api/v1/customers/{email}/export</c>); recorded in the audit log.</summary>
    /// <param name="email">The address (any case).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The export.</returns>
    [Get("/api/v1/customers/{email}/export")]
    Task<CustomerExportResponse> ExportCustomerAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases a customer (<c>DELETE /api/v1/customers/{email}</c>): their bookings stay with the personal fields replaced
    /// everywhere they are kept; recorded in the audit log. A second erasure of the address answers <c>404</c>.
    /// </summary>
    /// <param name="email">The address (any case).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>When erased.</returns>
    [Delete("/api/v1/customers/{email}")]
    Task EraseCustomerAsync(string email, CancellationToken cancellationToken = default);

    // --- Tenant data (owners) ----------------------------------------------------------------------------

    /// <summary>The whole tenant as JSON (<c>GET /api/v1/tenant/export</c>), streamed by the server; read it whole here.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The export.</returns>
    [Get("/api/v1/tenant/export")]
    Task<TenantExportResponse> ExportTenantAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Closes the tenant (<c>DELETE /api/v1/tenant</c>): from then on it is not found, and its data is purged after the
    /// server's retention period (default 30 days).
    /// </summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>When closed.</returns>
    [Delete("/api/v1/tenant")]
    Task CloseTenantAsync(CancellationToken cancellationToken = default);

    // --- Webhooks (owners, admins) -----------------------------------------------------------------------

    /// <summary>The tenant's webhook subscriptions (<c>GET /api/v1/webhooks</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The subscriptions, oldest first.</returns>
    [Get("/api/v1/webhooks")]
    Task<ItemsResponse<WebhookResponse>> ListWebhooksAsync(CancellationToken cancellationToken = default);

    /// <summary>Subscribes a URL to event types (<c>POST /api/v1/webhooks</c>); the answer's secret is shown only here.</summary>
    /// <param name="request">The URL and the event types.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The subscription with its secret.</returns>
    [Post("/api/v1/webhooks")]
    Task<WebhookCreatedResponse> CreateWebhookAsync([Body] WebhookRequest request, CancellationToken cancellationToken = default);

    /// <summary>One webhook subscription (<c>GET /api/v1/webhooks/{id}</c>).</summary>
    /// <param name="id">The subscription.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The subscription.</returns>
    [Get("/api/v1/webhooks/{id}")]
    Task<WebhookResponse> GetWebhookAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Changes the fields set in <paramref name="request"/> (<c>PATCH /api/v1/webhooks/{id}</c>).</summary>
    /// <param name="id">The subscription.</param>
    /// <param name="request">The URL, events or enabled state to change (null: unchanged).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The subscription.</returns>
    [Patch("/api/v1/webhooks/{id}")]
    Task<WebhookResponse> UpdateWebhookAsync(Guid id, [Body] WebhookUpdateRequest request, CancellationToken cancellationToken = default);

    /// <summary>Removes a subscription and its delivery log (<c>DELETE /api/v1/webhooks/{id}</c>).</summary>
    /// <param name="id">The subscription.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>When removed.</returns>
    [Delete("/api/v1/webhooks/{id}")]
    Task DeleteWebhookAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Gives a subscription a new secret (<c>POST …/rotate-secret</c>); the old one keeps signing during the overlap.</summary>
    /// <param name="id">The subscription.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new secret.</returns>
    [Post("/api/v1/webhooks/{id}/rotate-secret")]
    Task<WebhookSecretResponse> RotateWebhookSecretAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Queues a signed <c>ping</c> to the subscription (<c>POST …/ping</c>).</summary>
    /// <param name="id">The subscription.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The delivery's id.</returns>
    [Post("/api/v1/webhooks/{id}/ping")]
    Task<WebhookDeliveryAcceptedResponse> PingWebhookAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The subscription's delivery log, newest first (<c>GET …/deliveries</c>).</summary>
    /// <param name="id">The subscription.</param>
    /// <param name="cursor">The previous page's <c>nextCursor</c>.</param>
    /// <param name="limit">Page size, 1–200 (default 50).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A page of deliveries.</returns>
    [Get("/api/v1/webhooks/{id}/deliveries")]
    Task<PageResponse<WebhookDeliveryResponse>> ListWebhookDeliveriesAsync(
        Guid id, string? cursor = null, int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>Queues a delivery's event again: same event id and body, a new delivery id (<c>POST …/deliveries/{deliveryId}/replay</c>).</summary>
    /// <param name="id">The subscription.</param>
    /// <param name="deliveryId">The delivery to replay.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new delivery's id.</returns>
    [Post("/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay")]
    Task<WebhookDeliveryAcceptedResponse> ReplayWebhookDeliveryAsync(Guid id, Guid deliveryId, CancellationToken cancellationToken = default);
    // --- API keys (owners) -----------------------------------------------------------------------------

    /// <summary>The tenant's API keys, oldest first (<c>GET /api/v1/api-keys</c>; owners): prefix, scopes, created, last used; never the secret.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The keys.</returns>
    [Get("/api/v1/api-keys")]
    Task<ItemsResponse<ApiKeyResponse>> ListApiKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes an API key (<c>POST /api/v1/api-keys</c>; owners). The answer's <see cref="ApiKeyCreatedResponse.Key"/> is the
    /// only time the key is shown; send it as <c>Authorization: Bearer bmz_…</c> (an <see cref="Auth.IBookMeAtOzTokenSource"/> that returns it).
    /// </summary>
    /// <param name="request">Its name and scopes (<c>read</c>, <c>bookings</c>, <c>admin</c>).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The key, with its secret.</returns>
    [Post("/api/v1/api-keys")]
    Task<ApiKeyCreatedResponse> CreateApiKeyAsync([Body] CreateApiKeyRequest request, CancellationToken cancellationToken = default);

    /// <summary>Revokes an API key (<c>DELETE /api/v1/api-keys/{id}</c>; owners): it is refused from the next request on.</summary>
    /// <param name="id">The key's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>When revoked.</returns>
    [Delete("/api/v1/api-keys/{id}")]
    Task RevokeApiKeyAsync(Guid id, CancellationToken cancellationToken = default);

    // --- Waitlist (product specification §10.4) ------------------------------------------------------------

    /// <summary>
    /// Joins a service's waitlist for a range of local dates (<c>POST /api/v1/waitlist</c>; anyone). When time frees up, the
    /// earliest matching entry is offered a hold by e-mail; the answer's <see cref="WaitlistJoinedResponse.LeaveToken"/>
    /// (shown only here) leaves the waitlist.
    /// </summary>
    /// <param name="request">The service, dates, optional staff member and the customer.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The entry's id and leave token.</returns>
    [Post("/api/v1/waitlist")]
    Task<WaitlistJoinedResponse> JoinWaitlistAsync([Body] JoinWaitlistRequest request, CancellationToken cancellationToken = default);

    /// <summary>Leaves the waitlist (<c>DELETE /api/v1/waitlist/{id}</c>); a wrong token answers <c>404</c> like an unknown entry.</summary>
    /// <param name="id">The entry.</param>
    /// <param name="leaveToken">The entry's leave token.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>When left.</returns>
    [Delete("/api/v1/waitlist/{id}")]
    Task LeaveWaitlistAsync(Guid id, [Header(BookMeAtOzHeaders.LeaveToken)] string leaveToken, CancellationToken cancellationToken = default);

    /// <summary>The tenant's waitlist in join order (<c>GET /api/v1/waitlist</c>; owners and admins).</summary>
    /// <param name="serviceId">Only this service's entries.</param>
    /// <param name="status">Only entries in this state (<c>waiting</c>, <c>offered</c>, <c>booked</c>, <c>expired</c>, <c>left</c>).</param>
    /// <param name="cursor">The previous page's <c>nextCursor</c>.</param>
    /// <param name="limit">At most this many (1–200, default 50).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A page of entries.</returns>
    [Get("/api/v1/waitlist")]
    Task<PageResponse<WaitlistEntryResponse>> ListWaitlistAsync(
        Guid? serviceId = null,
        string? status = null,
        string? cursor = null,
        int? limit = null,
        CancellationToken cancellationToken = default);
}
