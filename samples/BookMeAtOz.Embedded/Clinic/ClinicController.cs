using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BookMeAtOz.Embedded.Clinic;

/// <summary>The clinic's own API: PascalCase JSON, cookie sign-in, everything signed-in only unless marked.</summary>
[ApiController]
public sealed class ClinicController : ControllerBase
{
    /// <summary>Open to anyone.</summary>
    [HttpGet("/clinic/info")]
    [AllowAnonymous]
    public ClinicInfo Info() => new("Harbour Physio", 2011, ["Physiotherapy", "Massage"]);

    /// <summary>Signs a receptionist in with a cookie.</summary>
    [HttpPost("/account/login")]
    [AllowAnonymous]
    public async Task<IActionResult> LogIn([FromForm] string name)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(new ClaimsPrincipal(identity));
        return NoContent();
    }

    /// <summary>Signed-in receptionists only (the fallback policy).</summary>
    [HttpGet("/patients")]
    public IReadOnlyList<Patient> Patients() => [new("Ada", "Lovelace", User.Identity!.Name!)];

    /// <summary>Fails, to show the clinic's own error handling.</summary>
    [HttpGet("/clinic/boom")]
    [AllowAnonymous]
    public IActionResult Boom() => throw new InvalidOperationException("The x-ray machine is on fire.");
}

/// <summary>The clinic.</summary>
/// <param name="ClinicName">Its name.</param>
/// <param name="OpenSince">The year it opened.</param>
/// <param name="Services">What it offers.</param>
public sealed record ClinicInfo(string ClinicName, int OpenSince, IReadOnlyList<string> Services);

/// <summary>A patient.</summary>
/// <param name="FirstName">First name.</param>
/// <param name="LastName">Last name.</param>
/// <param name="SeenBy">Who asked.</param>
public sealed record Patient(string FirstName, string LastName, string SeenBy);
