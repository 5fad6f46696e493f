namespace AzureMlflow.Deploy.Wire;

/// <summary>Wire shape of a code version (<c>codes/{name}/versions/{version}</c>).</summary>
internal sealed class CodeVersionData
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public CodeVersionPropertiesData? Properties { get; set; }
}

internal sealed class CodeVersionPropertiesData
{
    public string? CodeUri { get; set; }
    public string? Description { get; set; }
    public Dictionary<string, string>? Tags { get; set; }

    /// <summary>Carries <c>hash_sha256</c> and <c>hash_version</c>, which the hash lookup matches.</summary>
    public Dictionary<string, string>? Properties { get; set; }

    public bool? IsAnonymous { get; set; }
    public bool? IsArchived { get; set; }
    public string? ProvisioningState { get; set; }
}

/// <summary><c>startPendingUpload</c>'s request: a temporary container to upload into.</summary>
internal sealed class PendingUploadRequestData
{
    public string PendingUploadType { get; set; } = "TemporaryBlobReference";
}

internal sealed class PendingUploadResponseData
{
    public BlobReferenceData? BlobReferenceForConsumption { get; set; }
    public string? PendingUploadId { get; set; }
    public string? PendingUploadType { get; set; }
}

internal sealed class BlobReferenceData
{
    public string? BlobUri { get; set; }
    public string? StorageAccountArmId { get; set; }
    public PendingUploadCredentialData? Credential { get; set; }
}

internal sealed class PendingUploadCredentialData
{
    public string? CredentialType { get; set; }
    public string? SasUri { get; set; }
}

/// <summary>Converts <see cref="CodeAsset"/> to and from its wire shape.</summary>
internal static class CodeMapper
{
    public const string HashProperty = "hash_sha256";
    public const string HashVersionProperty = "hash_version";

    public static CodeAsset FromWire(CodeVersionData data)
    {
        CodeVersionPropertiesData properties = data.Properties ?? new();
        var code = new CodeAsset
        {
            Name = Uris.ResourceIds.Segment(data.Id, "codes"),
            Version = data.Name,
            Id = data.Id,
            Description = properties.Description,
            CodeUri = Uri.TryCreate(properties.CodeUri, UriKind.Absolute, out Uri? uri) ? uri : null,
            ContentHash = properties.Properties?.GetValueOrDefault(HashProperty),
            IsAnonymous = properties.IsAnonymous ?? false,
        };
        EndpointMapper.CopyInto(properties.Tags, code.Tags);
        return code;
    }
}
