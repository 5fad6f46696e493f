using System.Text.Json.Nodes;

namespace AzureMlflow.Deploy.Emulator.State;

/// <summary>A resource whose changes run as long-running operations (endpoints and deployments).</summary>
internal interface ITrackedResource
{
    string Name { get; }

    JsonObject Properties { get; }

    OperationRecord? ActiveOperation { get; set; }
}
