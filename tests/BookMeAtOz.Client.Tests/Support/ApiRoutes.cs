using System.Reflection;
using System.Text.RegularExpressions;
using Refit;

namespace BookMeAtOz.Client.Tests.Support;

/// <summary>The routes of <see cref="IBookMeAtOzApi"/>, read from its Refit attributes.</summary>
public static partial class ApiRoutes
{
    /// <summary>Every method of the interface with its verb and path template (parameters written <c>{}</c>).</summary>
    public static IReadOnlyList<(MethodInfo Method, string Verb, string Template)> All { get; } =
        [.. typeof(IBookMeAtOzApi).GetMethods().Select(m =>
        {
            var attribute = m.GetCustomAttribute<HttpMethodAttribute>() ?? throw new InvalidOperationException($"{m.Name} has no Refit verb attribute.");
            return (m, attribute.Method.Method.ToUpperInvariant(), Normalize(attribute.Path));
        })];

    /// <summary><c>/api/v1/staff/{id}/time-off/{timeOffId}</c> → <c>/api/v1/staff/{}/time-off/{}</c>.</summary>
    public static string Normalize(string path) => Parameter().Replace(path.TrimEnd('/'), "{}");

    /// <summary>The template an actual request path matches, or null.</summary>
    public static string? Match(string verb, string path)
    {
        var segments = path.TrimEnd('/').Split('/');
        return All.Select(r => (r.Verb, r.Template)).FirstOrDefault(r =>
        {
            if (r.Verb != verb)
            {
                return false;
            }

            var template = r.Template.Split('/');
            // A parameter may share its segment with a literal suffix (/feeds/{token}.ics).
            return template.Length == segments.Length && template.Zip(segments).All(p => p.First == "{}" || p.First == p.Second
                || (p.First.StartsWith("{}", StringComparison.Ordinal) && p.Second.Length > p.First.Length - 2
                    && p.Second.EndsWith(p.First[2..], StringComparison.Ordinal)));
        }).Template;
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();
}
