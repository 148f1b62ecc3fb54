using BookMeAtOz.Host;

var builder = WebApplication.CreateBuilder(args);
builder.AddBookMeAtOzLogging();
builder.Services.AddBookMeAtOz().UseConfiguredStore(builder.Configuration).AddAspNetCore();
builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName);

var app = builder.Build();
if (args is ["migrate", ..])
{
    // `dotnet BookMeAtOz.Host.dll migrate`: apply the schema migrations, then exit.
    await app.Services.MigrateAsync(app.Lifetime.ApplicationStopping);
    return;
}

app.UseBookMeAtOz();
app.MapBookMeAtOz();
await app.Services.MigrateAsync(app.Lifetime.ApplicationStopping);
await app.Services.SeedDemoTenantAsync(app.Environment, app.Lifetime.ApplicationStopping);
await app.RunAsync();

/// <summary>The reference host; public so that tests can start it with WebApplicationFactory.</summary>
public partial class Program;
