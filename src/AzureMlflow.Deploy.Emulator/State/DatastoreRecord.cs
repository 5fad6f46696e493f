using System.Text.Json.Nodes;

namespace AzureMlflow.Deploy.Emulator.State;

/// <summary>
/// A datastore registered with a PUT: its resource as the service shows it (no secrets), the secrets <c>listSecrets</c>
/// hands back, and the Azurite container behind it when it is an Azure Blob datastore of the emulator's own account
/// (null for any other storage, which the emulator cannot read).
/// </summary>
internal sealed record DatastoreRecord(string Name, JsonObject Resource, JsonObject? Secrets, string? Container);
