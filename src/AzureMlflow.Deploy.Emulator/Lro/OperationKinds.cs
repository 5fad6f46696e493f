namespace AzureMlflow.Deploy.Emulator.Lro;

/// <summary>The prefixes of operation names (<c>{kind}:{workspace id}:{guid}</c>), as the service names them.</summary>
internal static class OperationKinds
{
    public const string OnlineEndpoint = "oeidp";
    public const string OnlineDeployment = "odidp";
    public const string BatchEndpoint = "bebes";
    public const string BatchDeployment = "bdbds";
    public const string JobCancel = "jc";
    public const string JobDelete = "jd";
    public const string Compute = "cmp";
    public const string Workspace = "ws";
}
