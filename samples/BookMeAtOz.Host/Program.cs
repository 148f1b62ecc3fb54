using BookMeAtOz.Host;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
builder.AddDotEnvInDevelopment();
builder.AddServiceDefaults();
builder.AddManagementPort();
builder.Services.AddBookMeAtOz()
    .WithConfiguredStore(builder.Configuration)
    .WithSmtp()
    .WithCalDav()
    .WithAspNetCore()
    .WithRedis(builder.Configuration.GetConnectionString("Redis"))
    .WithOpenApi("v1");
builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName);

var app = builder.Build();
try
{
    if (args is ["migrate", ..])
    {
        // `dotnet BookMeAtOz.Host.dll migrate`: apply the schema migrations, then exit.
        await app.Services.MigrateAsync(app.Lifetime.ApplicationStopping);
        return 0;
    }

    // Check every setting before touching the database.
    _ = app.Services.GetRequiredService<IOptions<BookMeAtOz.AspNetCore.BookMeAtOzApiOptions>>().Value;
    _ = app.Services.GetRequiredService<IOptions<ManagementOptions>>().Value;
    app.UseServiceDefaults();
    app.UseManagementPort();
    app.UseFrameAncestors();
    app.UseBookMeAtOz();
    app.UseBookingWebApp();
    app.MapBookMeAtOz();
    app.MapOpenApi();
    app.MapDefaultEndpoints();
    await app.Services.MigrateAsync(app.Lifetime.ApplicationStopping);
    await app.Services.SeedDemoTenantAsync(app.Environment, app.Lifetime.ApplicationStopping);
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException invalid)
{
    // One line per bad setting, naming it; no stack trace.
    foreach (var failure in invalid.Failures)
    {
        await Console.Error.WriteLineAsync($"Configuration error: {failure}");
    }

    return 1;
}

/// <summary>The reference host; public so that tests can start it with WebApplicationFactory.</summary>
public partial class Program;
