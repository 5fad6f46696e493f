using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Hosting;

/// <summary>
/// The answer to a request the emulator does not emulate: 501 with the code <c>NotEmulated</c>. Never 404, which
/// clients read as "the resource is gone" (a delete that finds nothing succeeds), and never a status any client retries
/// or treats as success (Azure.Core, azure-core and core-rest-pipeline retry 500, 502, 503 and 504, not 501).
/// </summary>
internal static class NotEmulated
{
    public const string Code = "NotEmulated";

    public static ArmResult Answer(HttpRequest request) => ArmResult.Error(501, new ServiceError(Code,
        $"The Azure ML workspace emulator does not emulate {request.Method} {request.Path}. " +
        "The operations it does not emulate, and why, are in docs/emulator-rest-coverage.md of AzureMlflow.Deploy."));
}
