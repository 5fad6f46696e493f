namespace AzureMlflow.Deploy.Yaml;

/// <summary>Online and batch endpoint YAML (<c>az ml online-endpoint / batch-endpoint create -f</c>).</summary>
internal static class EndpointYaml
{
    public const string OnlineSchema = "https://azuremlschemas.azureedge.net/latest/managedOnlineEndpoint.schema.json";
    public const string KubernetesSchema = "https://azuremlschemas.azureedge.net/latest/kubernetesOnlineEndpoint.schema.json";
    public const string BatchSchema = "https://azuremlschemas.azureedge.net/latest/batchEndpoint.schema.json";

    /// <summary>Reads a managed endpoint, or (<paramref name="kubernetes"/>) one on the Kubernetes compute its <c>compute:</c> names.</summary>
    public static OnlineEndpoint LoadOnline(string file, bool kubernetes)
    {
        YamlMap map = YamlMap.Load(file);
        map.Skip("$schema", "kind");
        string endpointName = map.String("name") ?? throw new CliYamlException($"'{file}' has no 'name'.");
        string? compute = map.String("compute");
        if ((compute is not null) != kubernetes)
        {
            throw kubernetes
                ? new CliYamlException($"'{file}' has no 'compute'; a Kubernetes endpoint names the attached compute it runs on (or load a managed endpoint with ManagedOnlineEndpoint.Load).")
                : map.Error("compute", "an endpoint with a compute runs on Kubernetes; load it with KubernetesOnlineEndpoint.Load");
        }
        OnlineEndpoint endpoint = kubernetes ? new KubernetesOnlineEndpoint(endpointName, CliYamlParts.StripArmPrefix(compute!).Replace("azureml:", "", StringComparison.OrdinalIgnoreCase)) : new ManagedOnlineEndpoint(endpointName);
        endpoint.Description = map.String("description");
        endpoint.AuthMode = CliYamlParts.Enum(map, "auth_mode", CliYamlParts.AuthModes) ?? EndpointAuthMode.Key;
        endpoint.PublicNetworkAccess = CliYamlParts.Enum(map, "public_network_access", CliYamlParts.NetworkAccessValues);
        endpoint.Location = map.String("location");
        endpoint.Identity = Identity(map);
        Copy(map.Dictionary("tags"), endpoint.Tags);
        Copy(map.Dictionary("properties"), endpoint.Properties);
        foreach ((string name, string percent) in map.Dictionary("traffic"))
        {
            endpoint.Traffic[name] = Percent(map, "traffic", name, percent);
        }
        foreach ((string name, string percent) in map.Dictionary("mirror_traffic"))
        {
            endpoint.MirrorTraffic[name] = Percent(map, "mirror_traffic", name, percent);
        }
        map.EnsureAllKeysKnown();
        return endpoint;
    }

    public static void SaveOnline(OnlineEndpoint endpoint, string file)
    {
        var writer = new YamlWriter(endpoint is KubernetesOnlineEndpoint ? KubernetesSchema : OnlineSchema)
            .Add("name", endpoint.Name)
            .Add("compute", endpoint is KubernetesOnlineEndpoint { Compute: var compute } ? "azureml:" + compute[(compute.LastIndexOf('/') + 1)..] : null)
            .Add("description", endpoint.Description)
            .Add("auth_mode", CliYamlParts.EnumToYaml(endpoint.AuthMode))
            .Add("public_network_access", endpoint.PublicNetworkAccess is { } access ? CliYamlParts.EnumToYaml(access) : null)
            .Add("location", endpoint.Location)
            .Add("traffic", endpoint.Traffic)
            .Add("mirror_traffic", endpoint.MirrorTraffic)
            .Add("tags", endpoint.Tags)
            .Add("properties", endpoint.Properties);
        if (endpoint.Identity is { } identity)
        {
            writer.Add("identity", YamlWriter.Nested()
                .Add("type", CliYamlParts.EnumToYaml(identity.Type))
                .Add("user_assigned_identities", identity.UserAssignedIdentities.Select(id => YamlWriter.Nested().Add("resource_id", id))));
        }
        writer.Save(file);
    }

    public static BatchEndpoint LoadBatch(string file)
    {
        YamlMap map = YamlMap.Load(file);
        map.Skip("$schema", "traffic"); // 'traffic' is a legacy key the service ignores for batch endpoints
        var endpoint = new BatchEndpoint(map.String("name") ?? throw new CliYamlException($"'{file}' has no 'name'."))
        {
            Description = map.String("description"),
            AuthMode = CliYamlParts.Enum(map, "auth_mode", CliYamlParts.AuthModes) ?? EndpointAuthMode.AadToken,
            Location = map.String("location"),
        };
        if (map.Map("defaults") is { } defaults)
        {
            endpoint.DefaultDeploymentName = defaults.String("deployment_name");
            defaults.EnsureAllKeysKnown();
        }
        Copy(map.Dictionary("tags"), endpoint.Tags);
        Copy(map.Dictionary("properties"), endpoint.Properties);
        map.EnsureAllKeysKnown();
        return endpoint;
    }

    public static void SaveBatch(BatchEndpoint endpoint, string file) =>
        new YamlWriter(BatchSchema)
            .Add("name", endpoint.Name)
            .Add("description", endpoint.Description)
            .Add("auth_mode", CliYamlParts.EnumToYaml(endpoint.AuthMode))
            .Add("location", endpoint.Location)
            .Add("defaults", YamlWriter.Nested().Add("deployment_name", endpoint.DefaultDeploymentName))
            .Add("tags", endpoint.Tags)
            .Add("properties", endpoint.Properties)
            .Save(file);

    private static readonly ManagedIdentityType[] IdentityTypes =
        [ManagedIdentityType.SystemAssigned, ManagedIdentityType.UserAssigned, ManagedIdentityType.SystemAssignedUserAssigned, ManagedIdentityType.None];

    private static ManagedIdentity? Identity(YamlMap map)
    {
        YamlMap? identity = map.Map("identity");
        if (identity is null)
        {
            return null;
        }
        var result = new ManagedIdentity
        {
            Type = CliYamlParts.Enum(identity, "type", IdentityTypes) ?? ManagedIdentityType.SystemAssigned,
        };
        if (identity.Node("user_assigned_identities") is YamlDotNet.RepresentationModel.YamlSequenceNode ids)
        {
            foreach (YamlDotNet.RepresentationModel.YamlNode item in ids)
            {
                string? resourceId = (item as YamlDotNet.RepresentationModel.YamlMappingNode)?.Children
                    .FirstOrDefault(c => (c.Key as YamlDotNet.RepresentationModel.YamlScalarNode)?.Value == "resource_id").Value is YamlDotNet.RepresentationModel.YamlScalarNode scalar ? scalar.Value : null;
                result.UserAssignedIdentities.Add(resourceId ?? throw identity.Error(item, "each user-assigned identity needs a 'resource_id'"));
            }
        }
        identity.EnsureAllKeysKnown();
        return result;
    }

    private static int Percent(YamlMap map, string key, string name, string value) =>
        int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int percent)
            ? percent
            : throw map.Error(key, $"'{key}.{name}' must be a whole percentage, not '{value}'");

    internal static void Copy(Dictionary<string, string> source, IDictionary<string, string> target)
    {
        foreach ((string key, string value) in source)
        {
            target[key] = value;
        }
    }
}
