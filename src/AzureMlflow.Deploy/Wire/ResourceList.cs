namespace AzureMlflow.Deploy.Wire;

/// <summary>An ARM list page: <c>{"value": [...], "nextLink": "..."}</c>.</summary>
internal sealed class ResourceList<T>
{
    public List<T>? Value { get; set; }
    public string? NextLink { get; set; }
}
