using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace BookMeAtOz.Testing;

/// <summary>
/// The tests of a class (or of a whole assembly) need a server (a database) named by an environment variable. Without
/// the variable, <see cref="ServerFactAttribute"/> and <see cref="ServerTheoryAttribute"/> tests are skipped with one
/// line naming it, so that <c>dotnet test</c> alone runs everything else. The store contract suite's tests are server
/// facts: put this attribute on your derived class when your store needs a server.
/// </summary>
/// <param name="variable">The environment variable that configures the server.</param>
/// <param name="server">What it is, for the skip message (<c>PostgreSQL</c>).</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = true, Inherited = true)]
public sealed class RequiresEnvironmentAttribute(string variable, string server) : Attribute
{
    /// <summary>The environment variable that configures the server.</summary>
    public string Variable => variable;

    /// <summary>What the server is.</summary>
    public string Server => server;
}

/// <summary>A fact that is skipped when a server its class or assembly requires is not configured.</summary>
[XunitTestCaseDiscoverer("BookMeAtOz.Testing.ServerFactDiscoverer", "BookMeAtOz.Testing")]
public sealed class ServerFactAttribute : FactAttribute;

/// <summary>A theory that is skipped when a server its class or assembly requires is not configured.</summary>
[XunitTestCaseDiscoverer("BookMeAtOz.Testing.ServerTheoryDiscoverer", "BookMeAtOz.Testing")]
public sealed class ServerTheoryAttribute : TheoryAttribute;

internal static class MissingServer
{
    /// <summary>Why the test cannot run here, or null when every server it needs is configured.</summary>
    public static string? Reason(ITestMethod method)
    {
        var requirements = method.TestClass.Class.GetCustomAttributes(typeof(RequiresEnvironmentAttribute))
            .Concat(method.TestClass.TestCollection.TestAssembly.Assembly.GetCustomAttributes(typeof(RequiresEnvironmentAttribute)));
        foreach (var requirement in requirements)
        {
            var arguments = requirement.GetConstructorArguments().Cast<string>().ToList();
            var (variable, server) = (arguments[0], arguments[1]);
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
            {
                return $"{variable} is not set: this test needs {server}";
            }
        }

        return null;
    }
}

/// <summary>Discovers <see cref="ServerFactAttribute"/> tests.</summary>
/// <param name="diagnosticMessageSink">xunit's diagnostics.</param>
public sealed class ServerFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        MissingServer.Reason(testMethod) is { } reason
            ? new SkippedTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)
            : base.CreateTestCase(discoveryOptions, testMethod, factAttribute);
}

/// <summary>Discovers <see cref="ServerTheoryAttribute"/> tests.</summary>
/// <param name="diagnosticMessageSink">xunit's diagnostics.</param>
public sealed class ServerTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        MissingServer.Reason(testMethod) is { } reason
            ? [new SkippedTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)]
            : base.Discover(discoveryOptions, testMethod, theoryAttribute);
}

/// <summary>A test case reported as skipped, with its reason.</summary>
public sealed class SkippedTestCase : XunitTestCase
{
    // xunit initializes a test case (and asks for its skip reason) inside the base constructor, before this class's
    // constructor body runs: the reason is handed over on the constructing thread.
    [ThreadStatic]
    private static string? _constructing;

    private string? _reason;

    /// <summary>For xunit's de-serializer.</summary>
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SkippedTestCase()
    {
    }

    /// <summary>A test case that is skipped for <paramref name="reason"/>.</summary>
    /// <param name="sink">xunit's diagnostics.</param>
    /// <param name="display">How the test's name is shown.</param>
    /// <param name="options">How the test's name is shown.</param>
    /// <param name="method">The test method.</param>
    /// <param name="reason">Why it is skipped.</param>
    public SkippedTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method, string reason)
        : base(sink, display, options, Handing(method, reason)) => _reason = reason;

    /// <inheritdoc />
    protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason ?? _constructing ?? "skipped";

    /// <inheritdoc />
    public override void Serialize(IXunitSerializationInfo data)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.AddValue("SkipReason", _reason);
        base.Serialize(data);
    }

    /// <inheritdoc />
    public override void Deserialize(IXunitSerializationInfo data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _reason = data.GetValue<string>("SkipReason");
        base.Deserialize(data);
    }

    private static ITestMethod Handing(ITestMethod method, string reason)
    {
        _constructing = reason;
        return method;
    }
}
