namespace AzureMlflow.Deploy.Wire;

/// <summary>Response of <c>POST .../listKeys</c>.</summary>
internal sealed class EndpointKeysData
{
    public string? PrimaryKey { get; set; }
    public string? SecondaryKey { get; set; }
}

/// <summary>Response of <c>POST .../token</c>; times are Unix seconds.</summary>
internal sealed class EndpointTokenData
{
    public string? AccessToken { get; set; }
    public long? ExpiryTimeUtc { get; set; }
    public long? RefreshAfterTimeUtc { get; set; }
    public string? TokenType { get; set; }
}

/// <summary>Body of <c>POST .../regenerateKeys</c>.</summary>
internal sealed class RegenerateKeysRequestData
{
    public string? KeyType { get; set; }
}
