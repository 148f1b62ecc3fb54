using System.Net;
using System.Text.Json;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.AspNetCore.Tests.Auth;

/// <summary>
/// The account lifecycle over HTTP: users listed, changed, removed and invited, passwords changed and reset. Every change
/// ends the user's existing tokens at once (the security stamp) and is audited; every refusal is a problem and changes nothing.
/// </summary>
public abstract class AccountLifecycleTests(ApiFactory factory)
{
    private sealed record Session(HttpClient Client, AuthResponse Auth, string Email);

    private async Task<Session> SignInAsync(TestTenant t, string email, string password = TestTenant.Password)
    {
        var auth = await (await t.Anonymous.PostJsonAsync("/api/v1/auth/token", new TokenRequest(email, password))).ReadAsync<AuthResponse>();
        return new Session(factory.Client(t.Slug, auth.AccessToken), auth, email);
    }

    private async Task<Session> NewUserAsync(TestTenant t, string role, Guid? staffId = null)
    {
        var email = $"{role}-{Guid.NewGuid():N}@example.com";
        await (await t.Owner.PostJsonAsync("/api/v1/users", new CreateUserRequest(role + " user", email, TestTenant.Password, role, staffId)))
            .ReadAsync<UserResponse>(HttpStatusCode.Created);
        return await SignInAsync(t, email);
    }

    private static async Task<IReadOnlyList<UserResponse>> UsersAsync(TestTenant t) =>
        (await (await t.Owner.GetAsync("/api/v1/users")).ReadAsync<ItemsResponse<UserResponse>>()).Items;

    private static async Task<IReadOnlyList<AuditEntryResponse>> AuditAsync(TestTenant t, string query = "") =>
        (await (await t.Owner.GetAsync("/api/v1/audit" + query)).ReadAsync<PageResponse<AuditEntryResponse>>()).Items;

    private static string TokenOf(string link, string path)
    {
        var start = link.IndexOf(path + "#token=", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No {path} link in: {link}");
        var rest = link[(start + path.Length + "#token=".Length)..];
        return Uri.UnescapeDataString(rest[..rest.IndexOfAny([' ', '\n', '\r', '"', '<'])]);
    }

    private async Task<string> ResetTokenAsync(TestTenant t, string email)
    {
        var before = factory.Emails.Sent.Count;
        (await t.Anonymous.PostJsonAsync("/api/v1/auth/password-reset", new PasswordResetRequest(email))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var mail = await WaitForNewAsync(email, "Reset your password", before);
        Assert.Contains($"https://{t.Slug}.bookmeatoz.test/reset-password#token=", mail.TextBody, StringComparison.Ordinal);
        return TokenOf(mail.TextBody, "/reset-password");
    }

    private async Task<BookMeAtOz.Notifications.EmailMessage> WaitForNewAsync(string email, string subject, int skip)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (true)
        {
            if (factory.Emails.Sent.Skip(skip).FirstOrDefault(m => string.Equals(m.To.Address, email, StringComparison.OrdinalIgnoreCase)
                && m.Subject.Contains(subject, StringComparison.Ordinal)) is { } message)
            {
                return message;
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"No e-mail '{subject}' to {email} within 30 s.");
            await Task.Delay(20);
        }
    }

    // --- #7: tokens are checked against the user store ---

    [ServerFact]
    public async Task DemotedAdmin_ExistingToken_LosesAdminReadsAtOnce()
    {
        var t = await TestTenant.CreateAsync(factory);
        var staff = await t.AddStaffAsync();
        var admin = await NewUserAsync(t, "admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync("/api/v1/users")).StatusCode);

        var demoted = await (await t.Owner.PatchJsonAsync($"/api/v1/users/{admin.Auth.User.Id}", new { role = "staff", staffId = staff.Id }))
            .ReadAsync<UserResponse>();
        Assert.Equal("staff", demoted.Role);

        await (await admin.Client.GetAsync("/api/v1/users")).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        await (await admin.Client.GetAsync("/api/v1/bookings")).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        // Like an expired token: on a public route the call is anonymous.
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync("/api/v1/services")).StatusCode);
        await (await t.Anonymous.PostJsonAsync("/api/v1/auth/refresh", new RefreshRequest(admin.Auth.RefreshToken)))
            .ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);

        // Signing in again gives a staff token: no admin reads.
        var again = await SignInAsync(t, admin.Email);
        Assert.Equal("staff", again.Auth.User.Role);
        await (await again.Client.GetAsync("/api/v1/users")).ProblemAsync(HttpStatusCode.Forbidden, ApiProblemCodes.Forbidden);
    }

    [ServerFact]
    public async Task RemovedAdmin_TokenAndRefreshToken_StopWorking_AndCannotCreateAdmins()
    {
        var t = await TestTenant.CreateAsync(factory);
        var admin = await NewUserAsync(t, "admin");

        Assert.Equal(HttpStatusCode.NoContent, (await t.Owner.DeleteAsync($"/api/v1/users/{admin.Auth.User.Id}")).StatusCode);

        await (await admin.Client.PostJsonAsync("/api/v1/users", new CreateUserRequest("Sneaky", "sneaky@example.com", TestTenant.Password, "admin", null)))
            .ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        await (await admin.Client.GetAsync("/api/v1/me")).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        await (await t.Anonymous.PostJsonAsync("/api/v1/auth/refresh", new RefreshRequest(admin.Auth.RefreshToken)))
            .ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        await (await t.Anonymous.PostJsonAsync("/api/v1/auth/token", new TokenRequest(admin.Email, TestTenant.Password)))
            .ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        Assert.DoesNotContain(await UsersAsync(t), u => u.Email is "sneaky@example.com" || u.Id == admin.Auth.User.Id);
    }

    [ServerFact]
    public async Task ChangePassword_EndsOtherSessions_AndGivesThisOneNewTokens()
    {
        var t = await TestTenant.CreateAsync(factory);
        var admin = await NewUserAsync(t, "admin");
        var other = await SignInAsync(t, admin.Email);

        var fresh = await (await admin.Client.PostJsonAsync("/api/v1/auth/password", new ChangePasswordRequest(TestTenant.Password, "a new secret phrase")))
            .ReadAsync<AuthResponse>();

        await (await other.Client.GetAsync("/api/v1/me")).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        await (await admin.Client.GetAsync("/api/v1/me")).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        await (await t.Anonymous.PostJsonAsync("/api/v1/auth/refresh", new RefreshRequest(other.Auth.RefreshToken)))
            .ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await factory.Client(t.Slug, fresh.AccessToken).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await t.Anonymous.PostJsonAsync("/api/v1/auth/refresh", new RefreshRequest(fresh.RefreshToken))).StatusCode);
        await (await t.Anonymous.PostJsonAsync("/api/v1/auth/token", new TokenRequest(admin.Email, TestTenant.Password)))
            .ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        await SignInAsync(t, admin.Email, "a new secret phrase");
    }

    [ServerFact]
    public async Task ChangePassword_WrongCurrentOrWeakNew_IsRefused_AndChangesNothing()
    {
        var t = await TestTenant.CreateAsync(factory);
        var admin = await NewUserAsync(t, "admin");

        await (await admin.Client.PostJsonAsync("/api/v1/auth/password", new ChangePasswordRequest("not the password", "a new secret phrase")))
            .ValidationProblemAsync("currentPassword");
        await (await admin.Client.PostJsonAsync("/api/v1/auth/password", new ChangePasswordRequest(TestTenant.Password, "12345678")))
            .ValidationProblemAsync("newPassword");
        await (await factory.Client(t.Slug).PostJsonAsync("/api/v1/auth/password", new ChangePasswordRequest(TestTenant.Password, "a new secret phrase")))
            .ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);

        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync("/api/v1/me")).StatusCode);
        await SignInAsync(t, admin.Email);
    }

    // --- Password reset ---

    [ServerFact]
    public async Task PasswordReset_LinkSetsNewPassword_Once_AndEndsEverySession()
    {
        var t = await TestTenant.CreateAsync(factory);
        var staffUser = await NewUserAsync(t, "admin");
        var token = await ResetTokenAsync(t, staffUser.Email.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.NoContent,
            (await t.Anonymous.PostJsonAsync("/api/v1/auth/password-reset/confirm", new ConfirmPasswordResetRequest(token, "reset secret phrase"))).StatusCode);

        await (await staffUser.Client.GetAsync("/api/v1/me")).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        await (await t.Anonymous.PostJsonAsync("/api/v1/auth/refresh", new RefreshRequest(staffUser.Auth.RefreshToken)))
            .ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        await SignInAsync(t, staffUser.Email, "reset secret phrase");

        // Single use.
        await (await t.Anonymous.PostJsonAsync("/api/v1/auth/password-reset/confirm", new ConfirmPasswordResetRequest(token, "another secret phrase")))
            .ValidationProblemAsync("token");
        await SignInAsync(t, staffUser.Email, "reset secret phrase");

        var audit = await AuditAsync(t, $"?entity={staffUser.Auth.User.Id}");
        Assert.Contains(audit, e => e.Action == "user.password_reset" && e.ActorType == "anonymous");
    }

    [ServerFact]
    public async Task PasswordReset_LinkExpiresAfterAnHour()
    {
        var t = await TestTenant.CreateAsync(factory);
        var admin = await NewUserAsync(t, "admin");
        var token = await ResetTokenAsync(t, admin.Email);
        try
        {
            factory.Clock.Offset = TimeSpan.FromMinutes(61);
            await (await t.Anonymous.PostJsonAsync("/api/v1/auth/password-reset/confirm", new ConfirmPasswordResetRequest(token, "reset secret phrase")))
                .ValidationProblemAsync("token");
        }
        finally
        {
            factory.Clock.Offset = TimeSpan.Zero;
        }

        await SignInAsync(t, admin.Email);
        // Within the hour it works.
        Assert.Equal(HttpStatusCode.NoContent,
            (await t.Anonymous.PostJsonAsync("/api/v1/auth/password-reset/confirm", new ConfirmPasswordResetRequest(token, "reset secret phrase"))).StatusCode);
    }

    [ServerFact]
    public async Task PasswordReset_UnknownEmail_AnswersTheSame_AndSendsNothing()
    {
        var t = await TestTenant.CreateAsync(factory);
        var unknown = $"nobody-{Guid.NewGuid():N}@example.com";
        var before = factory.Emails.Sent.Count;

        var forUnknown = await t.Anonymous.PostJsonAsync("/api/v1/auth/password-reset", new PasswordResetRequest(unknown));
        var forKnown = await t.Anonymous.PostJsonAsync("/api/v1/auth/password-reset", new PasswordResetRequest(t.OwnerAuth.User.Email));

        Assert.Equal(HttpStatusCode.Accepted, forUnknown.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, forKnown.StatusCode);
        Assert.Equal(await forKnown.Content.ReadAsStringAsync(), await forUnknown.Content.ReadAsStringAsync());
        Assert.Equal(forKnown.Content.Headers.ContentType?.ToString(), forUnknown.Content.Headers.ContentType?.ToString());
        // The known address's e-mail went out; by then the queue had nothing for the unknown one.
        await WaitForNewAsync(t.OwnerAuth.User.Email, "Reset your password", before);
        Assert.DoesNotContain(factory.Emails.Sent, m => m.To.Address == unknown);

        await (await t.Anonymous.PostJsonAsync("/api/v1/auth/password-reset", new PasswordResetRequest("not an email"))).ValidationProblemAsync("email");
        await (await t.Anonymous.PostJsonAsync("/api/v1/auth/password-reset/confirm", new ConfirmPasswordResetRequest("made-up", "reset secret phrase")))
            .ValidationProblemAsync("token");
    }

    [ServerFact]
    public async Task PasswordReset_NeverLogsTheToken()
    {
        var t = await TestTenant.CreateAsync(factory);
        var token = await ResetTokenAsync(t, t.OwnerAuth.User.Email);
        (await t.Anonymous.PostJsonAsync("/api/v1/auth/password-reset/confirm", new ConfirmPasswordResetRequest(token, "reset secret phrase"))).EnsureSuccessStatusCode();
        var mac = token[(token.IndexOf('.', StringComparison.Ordinal) + 1)..];
        Assert.DoesNotContain(factory.Logs.Events, e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture).Contains(mac, StringComparison.Ordinal)
            || e.Properties.Values.Any(v => v.ToString().Contains(mac, StringComparison.Ordinal)));
    }

    // --- Invitations ---

    [ServerFact]
    public async Task Invitation_AcceptedOnce_CreatesTheUserWithTheRole_AndSignsThemIn()
    {
        var t = await TestTenant.CreateAsync(factory);
        var staff = await t.AddStaffAsync();
        var email = $"invitee-{Guid.NewGuid():N}@example.com";
        var before = factory.Emails.Sent.Count;
        var invitation = await (await t.Owner.PostJsonAsync("/api/v1/users/invitations", new InviteUserRequest(email, "staff", staff.Id)))
            .ReadAsync<InvitationResponse>(HttpStatusCode.Accepted);
        Assert.Equal("staff", invitation.Role);
        Assert.DoesNotContain(await UsersAsync(t), u => u.Email == email);

        var mail = await WaitForNewAsync(email, "You are invited", before);
        var token = TokenOf(mail.TextBody, "/accept-invitation");
        var auth = await (await t.Anonymous.PostJsonAsync("/api/v1/auth/invitations/accept", new AcceptInvitationRequest(token, "Ivy Invitee", "invited secret phrase")))
            .ReadAsync<AuthResponse>();
        Assert.Equal(("staff", staff.Id, email, "Ivy Invitee"), (auth.User.Role, auth.User.StaffId, auth.User.Email, auth.User.Name));
        Assert.Equal(HttpStatusCode.OK, (await factory.Client(t.Slug, auth.AccessToken).GetAsync($"/api/v1/staff/{staff.Id}/schedule")).StatusCode);

        await (await t.Anonymous.PostJsonAsync("/api/v1/auth/invitations/accept", new AcceptInvitationRequest(token, "Ivy Again", "invited secret phrase")))
            .ValidationProblemAsync("token");
        Assert.Single(await UsersAsync(t), u => u.Email == email);

        var audit = await AuditAsync(t);
        Assert.Contains(audit, e => e.Action == "user.invited" && e.EntityId == invitation.Id && e.ActorId == t.OwnerAuth.User.Id);
        Assert.Contains(audit, e => e.Action == "user.invitation_accepted" && e.EntityId == auth.User.Id);
    }

    [ServerFact]
    public async Task Invitation_Refusals_ChangeNothing()
    {
        var t = await TestTenant.CreateAsync(factory);
        var admin = await NewUserAsync(t, "admin");
        var staffUser = await NewUserAsync(t, "staff", (await t.AddStaffAsync()).Id);

        await (await admin.Client.PostJsonAsync("/api/v1/users/invitations", new InviteUserRequest("boss@example.com", "owner", null)))
            .ProblemAsync(HttpStatusCode.Forbidden, ApiProblemCodes.Forbidden);
        await (await staffUser.Client.PostJsonAsync("/api/v1/users/invitations", new InviteUserRequest("x@example.com", "admin", null)))
            .ProblemAsync(HttpStatusCode.Forbidden, ApiProblemCodes.Forbidden);
        await (await t.Owner.PostJsonAsync("/api/v1/users/invitations", new InviteUserRequest(admin.Email.ToUpperInvariant(), "admin", null)))
            .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.Conflict);
        await (await t.Owner.PostJsonAsync("/api/v1/users/invitations", new InviteUserRequest("x@example.com", "staff", null))).ValidationProblemAsync("staffId");
        await (await t.Owner.PostJsonAsync("/api/v1/users/invitations", new InviteUserRequest("x@example.com", "emperor", null))).ValidationProblemAsync("role");
        await (await t.Owner.PostJsonAsync("/api/v1/users/invitations", new InviteUserRequest("nope", "admin", null))).ValidationProblemAsync("email");

        Assert.DoesNotContain(await AuditAsync(t), e => e.Action == "user.invited");
    }

    [ServerFact]
    public async Task Invitation_ExpiresAfterSevenDays()
    {
        var t = await TestTenant.CreateAsync(factory);
        var email = $"late-{Guid.NewGuid():N}@example.com";
        var before = factory.Emails.Sent.Count;
        (await t.Owner.PostJsonAsync("/api/v1/users/invitations", new InviteUserRequest(email, "admin", null))).EnsureSuccessStatusCode();
        var token = TokenOf((await WaitForNewAsync(email, "You are invited", before)).TextBody, "/accept-invitation");
        try
        {
            factory.Clock.Offset = TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1);
            await (await t.Anonymous.PostJsonAsync("/api/v1/auth/invitations/accept", new AcceptInvitationRequest(token, "Late", "invited secret phrase")))
                .ValidationProblemAsync("token");
        }
        finally
        {
            factory.Clock.Offset = TimeSpan.Zero;
        }

        Assert.DoesNotContain(await UsersAsync(t), u => u.Email == email);
    }

    // --- Users: list, change, remove ---

    [ServerFact]
    public async Task Users_ListChangeRemove_AsOwner()
    {
        var t = await TestTenant.CreateAsync(factory);
        var staff = await t.AddStaffAsync();
        var admin = await NewUserAsync(t, "admin");

        var list = await UsersAsync(t);
        Assert.Equal(2, list.Count);
        Assert.Contains(list, u => u.Id == admin.Auth.User.Id && u.Role == "admin");

        var changed = await (await t.Owner.PatchJsonAsync($"/api/v1/users/{admin.Auth.User.Id}", new { role = "staff", staffId = staff.Id })).ReadAsync<UserResponse>();
        Assert.Equal(("staff", staff.Id), (changed.Role, changed.StaffId));
        changed = await (await t.Owner.PatchJsonAsync($"/api/v1/users/{admin.Auth.User.Id}", new { role = "admin" })).ReadAsync<UserResponse>();
        Assert.Equal(("admin", (Guid?)null), (changed.Role, changed.StaffId));
        changed = await (await t.Owner.PatchJsonAsync($"/api/v1/users/{admin.Auth.User.Id}", new { role = "owner" })).ReadAsync<UserResponse>();
        Assert.Equal("owner", changed.Role);

        Assert.Equal(HttpStatusCode.NoContent, (await t.Owner.DeleteAsync($"/api/v1/users/{admin.Auth.User.Id}")).StatusCode);
        Assert.Single(await UsersAsync(t));

        var audit = await AuditAsync(t, $"?entity={admin.Auth.User.Id}");
        Assert.Equal(["user.removed", "user.role_changed", "user.role_changed", "user.role_changed", "user.created"], audit.Select(e => e.Action));
        var demotion = audit[^2];
        Assert.Equal("admin", demotion.Before.GetProperty("role").GetString());
        Assert.Equal("staff", demotion.After.GetProperty("role").GetString());
        Assert.Equal(t.OwnerAuth.User.Id, demotion.ActorId);
        Assert.Equal(JsonValueKind.Null, audit[0].After.ValueKind);
        foreach (var entry in audit)
        {
            var text = JsonSerializer.Serialize(entry, Api.Json);
            Assert.DoesNotContain("hash", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("stamp", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("AQAAAA", text, StringComparison.Ordinal); // the password hasher's output
        }
    }

    [ServerFact]
    public async Task Users_AdminCannotTouchOwners_AndTheLastOwnerStays()
    {
        var t = await TestTenant.CreateAsync(factory);
        var admin = await NewUserAsync(t, "admin");
        var otherAdmin = await NewUserAsync(t, "admin");
        var owner = t.OwnerAuth.User.Id;

        await (await admin.Client.PatchJsonAsync($"/api/v1/users/{owner}", new { role = "admin" })).ProblemAsync(HttpStatusCode.Forbidden, ApiProblemCodes.Forbidden);
        await (await admin.Client.DeleteAsync($"/api/v1/users/{owner}")).ProblemAsync(HttpStatusCode.Forbidden, ApiProblemCodes.Forbidden);
        await (await admin.Client.PatchJsonAsync($"/api/v1/users/{otherAdmin.Auth.User.Id}", new { role = "owner" }))
            .ProblemAsync(HttpStatusCode.Forbidden, ApiProblemCodes.Forbidden);
        await (await admin.Client.PostJsonAsync("/api/v1/users", new CreateUserRequest("Boss", "boss@example.com", TestTenant.Password, "owner", null)))
            .ProblemAsync(HttpStatusCode.Forbidden, ApiProblemCodes.Forbidden);

        await (await t.Owner.PatchJsonAsync($"/api/v1/users/{owner}", new { role = "admin" })).ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.LastOwner);
        await (await t.Owner.DeleteAsync($"/api/v1/users/{owner}")).ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.LastOwner);

        await (await t.Owner.PatchJsonAsync($"/api/v1/users/{Guid.NewGuid()}", new { role = "admin" })).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
        await (await t.Owner.DeleteAsync($"/api/v1/users/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
        await (await t.Owner.PatchJsonAsync($"/api/v1/users/{admin.Auth.User.Id}", new { role = "emperor" })).ValidationProblemAsync("role");
        await (await t.Owner.PatchJsonAsync($"/api/v1/users/{admin.Auth.User.Id}", new { role = "staff" })).ValidationProblemAsync("staffId");
        await (await t.Owner.PatchJsonAsync($"/api/v1/users/{admin.Auth.User.Id}", new { name = "New name" })).ValidationProblemAsync("name");
        await (await t.Owner.PatchJsonAsync($"/api/v1/users/{admin.Auth.User.Id}", new { role = "staff", staffId = Guid.NewGuid() })).ValidationProblemAsync("staffId");

        // Nothing changed: every token still works, the roles are as they were, and nothing was audited but the creations.
        Assert.Equal(HttpStatusCode.OK, (await t.Owner.GetAsync("/api/v1/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync("/api/v1/users")).StatusCode);
        var users = await UsersAsync(t);
        Assert.Equal("owner", users.Single(u => u.Id == owner).Role);
        Assert.Equal("admin", users.Single(u => u.Id == admin.Auth.User.Id).Role);
        Assert.Equal("admin", users.Single(u => u.Id == otherAdmin.Auth.User.Id).Role);
        Assert.All((await AuditAsync(t)).Where(e => e.Entity != "tenant"), e => Assert.Equal("user.created", e.Action)); // tenant.updated: TestTenant's setup

        // With a second owner, the first may step down.
        (await t.Owner.PatchJsonAsync($"/api/v1/users/{admin.Auth.User.Id}", new { role = "owner" })).EnsureSuccessStatusCode();
        Assert.Equal("admin", (await (await t.Owner.PatchJsonAsync($"/api/v1/users/{owner}", new { role = "admin" })).ReadAsync<UserResponse>()).Role);
    }

    [ServerFact]
    public async Task Users_TwoOwnersDemotingEachOtherAtOnce_OneOwnerRemains()
    {
        var t = await TestTenant.CreateAsync(factory);
        var second = await NewUserAsync(t, "owner");
        var first = await SignInAsync(t, t.OwnerAuth.User.Email);

        var answers = await Task.WhenAll(
            first.Client.PatchJsonAsync($"/api/v1/users/{first.Auth.User.Id}", new { role = "admin" }),
            second.Client.PatchJsonAsync($"/api/v1/users/{second.Auth.User.Id}", new { role = "admin" }));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Single(answers, a => a.StatusCode is HttpStatusCode.Conflict);
        var users = await (await (await SignInAsync(t, answers[0].StatusCode == HttpStatusCode.OK ? second.Email : first.Email)).Client.GetAsync("/api/v1/users"))
            .ReadAsync<ItemsResponse<UserResponse>>();
        Assert.Single(users.Items, u => u.Role == "owner");
    }

    // --- Audit ---

    [ServerFact]
    public async Task Audit_FiltersAndPages_ForOwnersOnly()
    {
        var t = await TestTenant.CreateAsync(factory);
        var admin = await NewUserAsync(t, "admin");
        for (var i = 0; i < 3; i++)
        {
            (await admin.Client.PostJsonAsync("/api/v1/users", new CreateUserRequest($"U{i}", $"u{i}-{Guid.NewGuid():N}@example.com", TestTenant.Password, "admin", null)))
                .EnsureSuccessStatusCode();
        }

        var byAdmin = await AuditAsync(t, $"?actor={admin.Auth.User.Id}");
        Assert.Equal(3, byAdmin.Count);
        Assert.All(byAdmin, e => Assert.Equal("user.created", e.Action));

        var all = await AuditAsync(t);
        Assert.Equal(6, all.Count); // the owner at sign-up, TestTenant's policy PATCH (tenant.updated), the admin, three more
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.At >= p.Second.At), "newest first");

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await (await t.Owner.GetAsync("/api/v1/audit?limit=2" + (cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}")))
                .ReadAsync<PageResponse<AuditEntryResponse>>();
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(e => e.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        Assert.Equal(all.Select(e => e.Id), seen);

        var today = TestTenant.Day(0);
        Assert.Equal(6, (await AuditAsync(t, $"?from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}")).Count);
        Assert.Empty(await AuditAsync(t, $"?from={today.AddDays(2):yyyy-MM-dd}"));

        await (await admin.Client.GetAsync("/api/v1/audit")).ProblemAsync(HttpStatusCode.Forbidden, ApiProblemCodes.Forbidden);
        await (await t.Anonymous.GetAsync("/api/v1/audit")).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        await (await t.Owner.GetAsync("/api/v1/audit?entity=nope")).ValidationProblemAsync("entity");
        await (await t.Owner.GetAsync("/api/v1/audit?cursor=nope")).ValidationProblemAsync("cursor");
        await (await t.Owner.GetAsync("/api/v1/audit?from=2027-02-02&to=2027-02-01")).ValidationProblemAsync("to");
        await (await t.Owner.GetAsync("/api/v1/audit?limit=0")).ValidationProblemAsync("limit");

        // Another tenant's owner sees none of it.
        var other = await TestTenant.CreateAsync(factory);
        Assert.Equal(["tenant.updated", "user.created"], (await AuditAsync(other)).Select(e => e.Action)); // its own sign-up and setup PATCH only
    }
}

internal static class StatusAssertions
{
    public static void ShouldBe(this HttpStatusCode actual, HttpStatusCode expected) => Assert.Equal(expected, actual);
}

[Collection(ApiTests.Name)]
public sealed class InMemoryAccountLifecycleTests(ApiFactory factory) : AccountLifecycleTests(factory);

[Collection(PostgresApiTests.Name)]
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class PostgresAccountLifecycleTests(PostgresApiFactory factory) : AccountLifecycleTests(factory);
