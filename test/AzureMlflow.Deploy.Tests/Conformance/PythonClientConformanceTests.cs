using System.Diagnostics;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Conformance;

/// <summary>
/// Python's official client, <c>azure-ai-ml</c> 1.4.0 from Debian's <c>python3-azure</c> (which <c>.ci/run</c>
/// installs), pointed at the emulator as its own developers point it at a local service: <c>AZUREML_DEV_URL_MFE</c>
/// and <c>REQUESTS_CA_BUNDLE</c>. The scenario is <c>test/conformance/python/scenario.py</c>.
/// </summary>
public sealed class PythonClientConformanceTests : OfficialClientConformanceTests
{
    private const string Scenario = "python/scenario.py";

    private protected override string Client => "python";

    public static IEnumerable<TestCaseData> Steps() => ScenarioSteps.Declared(Scenario).Select(s => new TestCaseData(s).SetName($"Python azure-ai-ml: {s}"));

    [TestCaseSource(nameof(Steps))]
    public void TheStepPasses(string step) => AssertStep(step);

    [Test]
    public void EveryClientLimitedStepIsAStepOfTheScenario() => AssertEveryLimitedStepExists(Scenario);

    private protected override ProcessStartInfo ScenarioProcess(string connectionFile, string reportFile)
    {
        string python = PythonForTests.RequireAzureMl();
        return ChildProcess.StartInfo(python, Path.Combine(ScenarioSteps.Folder, "python"), "-u", Path.Combine(ScenarioSteps.Folder, Scenario), connectionFile, reportFile);
    }
}
