namespace BookMeAtOz.Host;

/// <summary>
/// Reads a <c>.env</c> file (<c>KEY=value</c> lines, <c>#</c> comments, optional quotes) into configuration, in
/// Development only, below real environment variables. Keys use the environment-variable form
/// (<c>BookMeAtOz__Jwt__SigningKey</c>).
/// </summary>
internal static class DotEnv
{
    public static void AddDotEnvInDevelopment(this WebApplicationBuilder builder)
    {
        var path = Path.Combine(builder.Environment.ContentRootPath, ".env");
        if (!builder.Environment.IsDevelopment() || !File.Exists(path))
        {
            return;
        }

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var key = line[..equals].Trim();
            var value = line[(equals + 1)..].Trim();
            if (value.Length >= 2 && value[0] == value[^1] && value[0] is '"' or '\'')
            {
                value = value[1..^1];
            }

            if (Environment.GetEnvironmentVariable(key) is null)
            {
                values[key.Replace("__", ":", StringComparison.Ordinal)] = value;
            }
        }

        builder.Configuration.AddInMemoryCollection(values);
    }
}
