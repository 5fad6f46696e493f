using System.Diagnostics;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Conformance;

/// <summary>
/// The official JavaScript resource-manager client, <c>@azure/arm-machinelearning</c> 2.1.1 pinned in
/// <c>eng/arm-machinelearning</c> (installed there on first use with <c>npm ci</c>, as Azurite is), created with the
/// emulator as its <c>endpoint</c> and trusting its certificate through <c>NODE_EXTRA_CA_CERTS</c>. The scenario is
/// <c>test/conformance/js/scenario.mjs</c>.
/// </summary>
public sealed class JsClientConformanceTests : OfficialClientConformanceTests
{
    private const string Scenario = "js/scenario.mjs";

    private protected override string Client => "js";

    public static IEnumerable<TestCaseData> Steps() => ScenarioSteps.Declared(Scenario).Select(s => new TestCaseData(s).SetName($"JS arm-machinelearning: {s}"));

    [TestCaseSource(nameof(Steps))]
    public void TheStepPasses(string step) => AssertStep(step);

    [Test]
    public void EveryClientLimitedStepIsAStepOfTheScenario() => AssertEveryLimitedStepExists(Scenario);

    private protected override ProcessStartInfo ScenarioProcess(string connectionFile, string reportFile)
    {
        string modules = NodeForTests.RequirePackage("arm-machinelearning");
        ProcessStartInfo start = ChildProcess.StartInfo("node", Path.Combine(ScenarioSteps.Folder, "js"), Path.Combine(ScenarioSteps.Folder, Scenario), connectionFile, reportFile);
        start.Environment["CONFORMANCE_NODE_MODULES"] = modules;
        return start;
    }
}
