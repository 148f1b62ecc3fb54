using System.Diagnostics.Metrics;
using BookMeAtOz.Embedded.Clinic;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using OpenTelemetry.Metrics;

var builder = WebApplication.CreateBuilder(args);

// The clinic's own choices, as they were before BookMeAtOz came along.
builder.Services.AddControllers().AddJsonOptions(o => o.JsonSerializerOptions.PropertyNamingPolicy = null);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = null);
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(o => o.LoginPath = "/account/login");
builder.Services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
builder.Services.AddSignalR();
builder.Services.AddExceptionHandler<ClinicExceptionHandler>();
builder.Services.AddProblemDetails();
builder.Services.AddSingleton(new Meter(ClinicTelemetry.MeterName));
builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(ClinicTelemetry.MeterName));

// BookMeAtOz, in-memory here (add .WithPostgres(…) to keep bookings), under /booking.
var booking = builder.Configuration.GetValue("Booking:Enabled", defaultValue: true);
if (booking)
{
    builder.Services.AddBookMeAtOz().WithSmtp().WithAspNetCore();
    builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddBookMeAtOzInstrumentation());
}

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages("text/plain", "Clinic: status {0}");
app.UseAuthentication();
if (booking)
{
    app.UseBookMeAtOz();
}

app.UseAuthorization();
app.MapControllers();
app.MapHub<ClinicHub>("/hubs/clinic");
if (booking)
{
    app.MapBookMeAtOz("/booking/api/v1", "/booking/hubs/availability");
}

app.Run();

/// <summary>The clinic app; public so that tests can start it with WebApplicationFactory.</summary>
public partial class Program;
