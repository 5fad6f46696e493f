using Azure;
using Azure.Core;
using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Diagnostics;
using AzureMlflow.Deploy.Uris;
using AzureMlflow.Deploy.Validation;
using AzureMlflow.Deploy.Wire;
using AzureMlflow.Deploy.Yaml;

namespace AzureMlflow.Deploy;

/// <summary>
/// Registers, reads, lists and archives environments. Reached through <see cref="MLClient.Environments"/>; the
/// counterpart of Python's <c>ml_client.environments</c>.
/// </summary>
public class EnvironmentOperations
{
    private const string LatestLabel = "latest";
    private readonly MLClient? _client;

    /// <summary>For mocking.</summary>
    protected EnvironmentOperations()
    {
    }

    internal EnvironmentOperations(MLClient client) => _client = client;

    private ArmRestClient Rest => (_client ?? throw new InvalidOperationException("This instance was created for mocking.")).Rest;

    /// <summary>
    /// Registers an environment version: its image and, when <see cref="MLEnvironment.CondaFile"/> is set, that file's
    /// content. A null version becomes the container's next version. Versions are immutable: registering an existing one
    /// with another image or conda file is refused by the service.
    /// </summary>
    /// <param name="environment">The environment; validated before any request.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <exception cref="ArgumentException">No name, no image, or a conda file that does not exist.</exception>
    public virtual async Task<Response<MLEnvironment>> CreateOrUpdateAsync(MLEnvironment environment, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "EnvironmentOperations.CreateOrUpdate", () => CreateOrUpdateCoreAsync(environment, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="CreateOrUpdateAsync"/>
    public virtual Response<MLEnvironment> CreateOrUpdate(MLEnvironment environment, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "EnvironmentOperations.CreateOrUpdate", () => CreateOrUpdateCoreAsync(environment, false, cancellationToken)).EnsureCompleted();

    /// <summary>Gets an environment version, or with <paramref name="label"/> <c>latest</c> (or neither given) the newest one.</summary>
    /// <param name="name">The environment name.</param>
    /// <param name="version">The version.</param>
    /// <param name="label"><c>latest</c>, the only label the service manages.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual async Task<Response<MLEnvironment>> GetAsync(string name, string? version = null, string? label = null, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "EnvironmentOperations.Get", () => GetCoreAsync(name, version, label, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="GetAsync"/>
    public virtual Response<MLEnvironment> Get(string name, string? version = null, string? label = null, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "EnvironmentOperations.Get", () => GetCoreAsync(name, version, label, false, cancellationToken)).EnsureCompleted();

    /// <summary>Lists the versions of an environment, or, without a name, the workspace's environments (with <see cref="MLEnvironment.LatestVersion"/>).</summary>
    /// <param name="name">The environment name, or null for all environments.</param>
    /// <param name="listViewType">Active (the default when null), archived or all.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual AsyncPageable<MLEnvironment> ListAsync(string? name = null, ListViewType? listViewType = null, CancellationToken cancellationToken = default) =>
        Pages(name, listViewType ?? ListViewType.ActiveOnly, cancellationToken).Async();

    /// <inheritdoc cref="ListAsync"/>
    public virtual Pageable<MLEnvironment> List(string? name = null, ListViewType? listViewType = null, CancellationToken cancellationToken = default) =>
        Pages(name, listViewType ?? ListViewType.ActiveOnly, cancellationToken).Sync();

    /// <summary>Archives an environment version, or the whole environment when <paramref name="version"/> is null (hidden from default lists; deployments that use it keep running).</summary>
    /// <param name="name">The environment name.</param>
    /// <param name="version">The version, or null for the environment container.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual async Task<Response> ArchiveAsync(string name, string? version = null, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "EnvironmentOperations.Archive", () => SetArchivedAsync(name, version, true, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="ArchiveAsync"/>
    public virtual Response Archive(string name, string? version = null, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "EnvironmentOperations.Archive", () => SetArchivedAsync(name, version, true, false, cancellationToken)).EnsureCompleted();

    /// <summary>Restores an archived environment version, or the whole environment when <paramref name="version"/> is null.</summary>
    /// <param name="name">The environment name.</param>
    /// <param name="version">The version, or null for the environment container.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual async Task<Response> RestoreAsync(string name, string? version = null, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "EnvironmentOperations.Restore", () => SetArchivedAsync(name, version, false, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="RestoreAsync"/>
    public virtual Response Restore(string name, string? version = null, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "EnvironmentOperations.Restore", () => SetArchivedAsync(name, version, false, false, cancellationToken)).EnsureCompleted();

    /// <summary>The id a deployment sends for its environment: a reference resolved (a read for <c>@latest</c>), an inline environment registered.</summary>
    internal async ValueTask<string?> ResolveIdAsync(EnvironmentReference? environment, bool async, CancellationToken cancellationToken)
    {
        switch (environment)
        {
            case null:
                return null;
            case { Reference: { } reference }:
                return EnvironmentReferences.Resolve(reference, Rest.WorkspaceResourceId)
                    ?? (await GetCoreAsync(EnvironmentReferences.LatestOf(reference)!, null, LatestLabel, async, cancellationToken).ConfigureAwait(false)).Value.Id;
            case { Environment: { Id: { } id } }:
                return id;
            default:
                return (await CreateOrUpdateCoreAsync(environment.Environment!, async, cancellationToken).ConfigureAwait(false)).Value.Id;
        }
    }

    private async ValueTask<Response<MLEnvironment>> CreateOrUpdateCoreAsync(MLEnvironment environment, bool async, CancellationToken cancellationToken)
    {
        EnvironmentRules.ValidateForRegistration(environment, nameof(environment));
        if (environment.CondaFile is { } condaFile)
        {
            environment.CondaFileContent = async ? await File.ReadAllTextAsync(condaFile, cancellationToken).ConfigureAwait(false) : File.ReadAllText(condaFile);
        }
        // Sent as Python sends it (its YAML dump, keys sorted), which is also the text anonymous versions are hashed from.
        string? conda = environment.CondaFileContent is { } text ? CondaFiles.ToPythonYaml(text, environment.CondaFile ?? "the conda file") : null;
        bool anonymous = environment.Name is null;
        string name = environment.Name ?? AnonymousEnvironment.Name;
        string version = anonymous
            ? AnonymousEnvironment.Version(environment.Image!, environment.InferenceConfig is { } inference ? PythonYamlDump.Dump(EnvironmentYaml.InferenceConfigNode(inference)) : null, conda)
            : environment.Version ?? await NextVersionAsync(name, async, cancellationToken).ConfigureAwait(false);
        Response<EnvironmentVersionData> response = await Rest.SendAsync(
            RequestMethod.Put, Rest.WorkspaceUri(ResourceIds.EnvironmentVersionPath(name, version)),
            ArmRestClient.Json(EnvironmentMapper.ToWire(environment, conda, anonymous), WireJsonContext.Default.EnvironmentVersionData), WireJsonContext.Default.EnvironmentVersionData,
            async, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(EnvironmentMapper.FromWire(response.Value), response.GetRawResponse());
    }

    private async ValueTask<string> NextVersionAsync(string name, bool async, CancellationToken cancellationToken)
    {
        try
        {
            Response<EnvironmentContainerData> container = await Rest.SendAsync(
                RequestMethod.Get, Rest.WorkspaceUri(ResourceIds.EnvironmentPath(name)), null, WireJsonContext.Default.EnvironmentContainerData, async, cancellationToken).ConfigureAwait(false);
            EnvironmentContainerPropertiesData properties = container.Value.Properties ?? new();
            return properties.NextVersion
                ?? (long.TryParse(properties.LatestVersion, out long latest) ? (latest + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "1");
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return "1";
        }
    }

    private async ValueTask<Response<MLEnvironment>> GetCoreAsync(string name, string? version, string? label, bool async, CancellationToken cancellationToken)
    {
        NameRules.ValidateAssetName(name, "environment", nameof(name));
        if (version is not null && label is not null)
        {
            throw new ArgumentException("Cannot specify both version and label.", nameof(label));
        }
        if (version is not null)
        {
            Response<EnvironmentVersionData> response = await Rest.SendAsync(
                RequestMethod.Get, Rest.WorkspaceUri(ResourceIds.EnvironmentVersionPath(name, version)), null, WireJsonContext.Default.EnvironmentVersionData, async, cancellationToken).ConfigureAwait(false);
            return Response.FromValue(EnvironmentMapper.FromWire(response.Value), response.GetRawResponse());
        }
        if (label is not null && !string.Equals(label, LatestLabel, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Unknown environment label '{label}'; the only label the service manages is 'latest'.", nameof(label));
        }
        Response<EnvironmentVersionData> newest = await Rest.NewestVersionAsync(
            ResourceIds.EnvironmentPath(name), WireJsonContext.Default.ResourceListEnvironmentVersionData, $"Environment '{name}'", "EnvironmentNotFound", async, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(EnvironmentMapper.FromWire(newest.Value), newest.GetRawResponse());
    }

    private async ValueTask<Response> SetArchivedAsync(string name, string? version, bool archived, bool async, CancellationToken cancellationToken)
    {
        NameRules.ValidateAssetName(name, "environment", nameof(name));
        if (version is null)
        {
            // The container: read, then PUT back its description, properties and tags with isArchived, as Python does.
            Uri containerUri = Rest.WorkspaceUri(ResourceIds.EnvironmentPath(name));
            EnvironmentContainerPropertiesData container = (await Rest.SendAsync(
                RequestMethod.Get, containerUri, null, WireJsonContext.Default.EnvironmentContainerData, async, cancellationToken).ConfigureAwait(false)).Value.Properties ?? new();
            var update = new EnvironmentContainerPropertiesData { Description = container.Description, Properties = container.Properties, Tags = container.Tags, IsArchived = archived };
            return await Rest.SendAsync(RequestMethod.Put, containerUri,
                ArmRestClient.Json(new EnvironmentContainerData { Properties = update }, WireJsonContext.Default.EnvironmentContainerData), async, cancellationToken).ConfigureAwait(false);
        }
        Uri uri = Rest.WorkspaceUri(ResourceIds.EnvironmentVersionPath(name, version));
        // A version is updated by PUTting it back unchanged except for isArchived (what the service computes is left out).
        EnvironmentVersionData current = (await Rest.SendAsync(RequestMethod.Get, uri, null, WireJsonContext.Default.EnvironmentVersionData, async, cancellationToken).ConfigureAwait(false)).Value;
        EnvironmentVersionPropertiesData properties = current.Properties ?? new();
        properties.IsArchived = archived;
        properties.EnvironmentType = null;
        properties.ProvisioningState = null;
        return await Rest.SendAsync(RequestMethod.Put, uri,
            ArmRestClient.Json(new EnvironmentVersionData { Properties = properties }, WireJsonContext.Default.EnvironmentVersionData), async, cancellationToken).ConfigureAwait(false);
    }

    private ArmPageable<MLEnvironment> Pages(string? name, ListViewType listViewType, CancellationToken cancellationToken)
    {
        string view = "listViewType=" + listViewType;
        return name is null
            ? Rest.Pageable("EnvironmentOperations.List", Rest.WorkspaceUri("/environments", view), WireJsonContext.Default.ResourceListEnvironmentContainerData, EnvironmentMapper.FromWire, cancellationToken)
            : Rest.Pageable("EnvironmentOperations.List", Rest.WorkspaceUri(ResourceIds.EnvironmentPath(name) + "/versions", view), WireJsonContext.Default.ResourceListEnvironmentVersionData, EnvironmentMapper.FromWire, cancellationToken);
    }
}
