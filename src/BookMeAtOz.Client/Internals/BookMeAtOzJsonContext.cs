using System.Text.Json;
using System.Text.Json.Serialization;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.Client.Internals;

/// <summary>
/// Source-generated JSON for the wire types: camelCase, and null fields left out so that a <c>PATCH</c> body
/// names only what it changes (the API reads an explicit null as "clear this field").
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SignUpRequest))]
[JsonSerializable(typeof(SignUpResponse))]
[JsonSerializable(typeof(TenantResponse))]
[JsonSerializable(typeof(TenantPatch))]
[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(RefreshRequest))]
[JsonSerializable(typeof(AuthResponse))]
[JsonSerializable(typeof(UserResponse))]
[JsonSerializable(typeof(CreateUserRequest))]
[JsonSerializable(typeof(ItemsResponse<UserResponse>))]
[JsonSerializable(typeof(UpdateUserRequest))]
[JsonSerializable(typeof(InviteUserRequest))]
[JsonSerializable(typeof(InvitationResponse))]
[JsonSerializable(typeof(AcceptInvitationRequest))]
[JsonSerializable(typeof(ChangePasswordRequest))]
[JsonSerializable(typeof(PasswordResetRequest))]
[JsonSerializable(typeof(ConfirmPasswordResetRequest))]
[JsonSerializable(typeof(AuditEntryResponse))]
[JsonSerializable(typeof(PageResponse<AuditEntryResponse>))]
[JsonSerializable(typeof(ServiceRequest))]
[JsonSerializable(typeof(ServiceResponse))]
[JsonSerializable(typeof(ItemsResponse<ServiceResponse>))]
[JsonSerializable(typeof(StaffRequest))]
[JsonSerializable(typeof(StaffResponse))]
[JsonSerializable(typeof(ItemsResponse<StaffResponse>))]
[JsonSerializable(typeof(ScheduleDto))]
[JsonSerializable(typeof(TimeOffRequest))]
[JsonSerializable(typeof(TimeOffResponse))]
[JsonSerializable(typeof(ItemsResponse<TimeOffResponse>))]
[JsonSerializable(typeof(ClosureRequest))]
[JsonSerializable(typeof(ClosureResponse))]
[JsonSerializable(typeof(ClosureCreatedResponse))]
[JsonSerializable(typeof(ItemsResponse<ClosureResponse>))]
[JsonSerializable(typeof(AvailabilityResponse))]
[JsonSerializable(typeof(CreateBookingRequest))]
[JsonSerializable(typeof(BookingResponse))]
[JsonSerializable(typeof(PageResponse<BookingResponse>))]
[JsonSerializable(typeof(CancelBookingRequest))]
[JsonSerializable(typeof(DeclineBookingRequest))]
[JsonSerializable(typeof(RescheduleBookingRequest))]
[JsonSerializable(typeof(NotificationResponse))]
[JsonSerializable(typeof(PageResponse<NotificationResponse>))]
[JsonSerializable(typeof(AvailabilityChangedEvent))]
[JsonSerializable(typeof(BookingChangedEvent))]
[JsonSerializable(typeof(ApiProblem))]
internal sealed partial class BookMeAtOzJsonContext : JsonSerializerContext;
