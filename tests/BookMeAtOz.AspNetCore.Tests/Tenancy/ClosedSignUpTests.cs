using System.Net;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.AspNetCore.Tests.Tenancy;

public sealed class ClosedSignUpApiFactory : ApiFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["BookMeAtOz:Tenancy:AllowSignUp"] = "false";
            return settings;
        }
    }
}

public sealed class ClosedSignUpTests(ClosedSignUpApiFactory factory) : IClassFixture<ClosedSignUpApiFactory>
{
    [ServerFact]
    public async Task SignUp_WhenClosedByConfiguration_IsForbidden()
    {
        var response = await factory.Client().PostJsonAsync("/api/v1/tenants",
            new SignUpRequest(TestTenant.NewSlug(), "X", "Australia/Sydney", null, new NewAccount("Ann", "ann@example.com", TestTenant.Password)));
        await response.ProblemAsync(HttpStatusCode.Forbidden, ApiProblemCodes.Forbidden);
    }
}
