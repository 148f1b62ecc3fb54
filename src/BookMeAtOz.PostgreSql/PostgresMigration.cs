using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace BookMeAtOz.PostgreSql;

/// <summary>One versioned SQL migration, identified by its file name (<c>0001_initial.sql</c>).</summary>
/// <param name="Version">The number the file name starts with; migrations apply in this order.</param>
/// <param name="Name">The file name without extension, for example <c>0001_initial</c>.</param>
/// <param name="Sql">The script.</param>
internal sealed record PostgresMigration(int Version, string Name, string Sql)
{
    private const string ResourcePrefix = "BookMeAtOz.Persistence.Postgres.Migrations.";

    /// <summary>
    /// Hex SHA-256 of the script with line endings normalized to <c>\n</c>, so a checkout that converts
    /// them does not look like an edit.
    /// </summary>
    public string Checksum => Convert.ToHexStringLower(
        SHA256.HashData(Encoding.UTF8.GetBytes(Sql.Replace("\r\n", "\n", StringComparison.Ordinal))));

    /// <summary>The migrations embedded in this assembly, in version order.</summary>
    public static IReadOnlyList<PostgresMigration> Embedded { get; } = Load(typeof(PostgresMigration).Assembly);

    internal static IReadOnlyList<PostgresMigration> Load(Assembly assembly)
    {
        var migrations = new List<PostgresMigration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var name = resource[ResourcePrefix.Length..^".sql".Length];
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            migrations.Add(new PostgresMigration(ParseVersion(name), name, reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException($"Migrations {migrations[i - 1].Name} and {migrations[i].Name} have the same version.");
            }
        }

        return migrations;
    }

    private static int ParseVersion(string name)
    {
        var digits = name.IndexOf('_', StringComparison.Ordinal);
        if (digits <= 0 || !int.TryParse(name.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version <= 0)
        {
            throw new InvalidOperationException($"Migration '{name}' must be named <version>_<description>.sql, for example 0002_add_reminders.sql.");
        }

        return version;
    }
}
