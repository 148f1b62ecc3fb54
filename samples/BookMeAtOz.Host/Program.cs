using BookMeAtOz.Host;

var builder = WebApplication.CreateBuilder(args);
builder.AddBookMeAtOzLogging();
builder.Services.AddBookMeAtOz().AddAspNetCore();
builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName);

var app = builder.Build();
app.UseBookMeAtOz();
app.MapBookMeAtOz();
await app.Services.SeedDemoTenantAsync(app.Environment, app.Lifetime.ApplicationStopping);
await app.RunAsync();

/// <summary>The reference host; public so that tests can start it with WebApplicationFactory.</summary>
public partial class Program;
