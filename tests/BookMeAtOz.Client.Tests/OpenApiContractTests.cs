using System.Text.Json;
using BookMeAtOz.Client.Tests.Support;

namespace BookMeAtOz.Client.Tests;

/// <summary>The client and the host's <c>/openapi/v1.json</c> describe the same routes.</summary>
[Collection(LoopbackHostTests.Name)]
public sealed class OpenApiContractTests(LoopbackHost host)
{
    private static readonly string[] Verbs = ["get", "put", "post", "delete", "patch", "head", "options"];

    [Fact]
    public async Task ClientRoutes_AllInOpenApiDocument()
    {
        var documented = await DocumentedRoutesAsync();

        var unknown = ApiRoutes.All.Where(r => !documented.Contains($"{r.Verb} {r.Template}")).Select(r => $"{r.Method.Name}: {r.Verb} {r.Template}");

        Assert.Empty(unknown);
    }

    [Fact]
    public async Task OpenApiRoutes_EachHasAClientMethod()
    {
        var documented = await DocumentedRoutesAsync();
        var client = ApiRoutes.All.Select(r => $"{r.Verb} {r.Template}").ToHashSet();

        var uncovered = documented.Where(route => !client.Contains(route));

        Assert.Empty(uncovered);
        Assert.True(documented.Count >= 29, $"only {documented.Count} routes documented");
    }

    [Fact]
    public void ClientMethods_AllTakeACancellationToken() =>
        Assert.All(ApiRoutes.All, r => Assert.Contains(r.Method.GetParameters(), p => p.ParameterType == typeof(CancellationToken)));

    private async Task<HashSet<string>> DocumentedRoutesAsync()
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative)));
        var routes = new HashSet<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/v1/", StringComparison.Ordinal) || p.Name.StartsWith("/feeds/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => Verbs.Contains(o.Name)))
            {
                routes.Add($"{operation.Name.ToUpperInvariant()} {ApiRoutes.Normalize(path.Name)}");
            }
        }

        return routes;
    }
}
