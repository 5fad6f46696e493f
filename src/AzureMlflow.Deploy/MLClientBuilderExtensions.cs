using System.Diagnostics.CodeAnalysis;
using Azure.Core.Extensions;

namespace AzureMlflow.Deploy;

/// <summary>
/// Registers <see cref="MLClient"/> with <c>services.AddAzureClients(...)</c> (Microsoft.Extensions.Azure): the
/// credential, options, named clients and configuration binding work as for every Azure SDK client.
/// </summary>
public static class MLClientBuilderExtensions
{
    /// <summary>Registers an <see cref="MLClient"/> for a workspace; the credential comes from the builder (<c>UseCredential</c>).</summary>
    /// <typeparam name="TBuilder">The Azure client factory builder.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="subscriptionId">The subscription.</param>
    /// <param name="resourceGroupName">The resource group.</param>
    /// <param name="workspaceName">The workspace.</param>
    public static IAzureClientBuilder<MLClient, MLClientOptions> AddMLClient<TBuilder>(this TBuilder builder, string subscriptionId, string resourceGroupName, string workspaceName)
        where TBuilder : IAzureClientFactoryBuilderWithCredential
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RegisterClientFactory<MLClient, MLClientOptions>((options, credential) =>
            new MLClient(credential ?? throw new InvalidOperationException("MLClient needs a credential: call UseCredential on the Azure clients builder."),
                subscriptionId, resourceGroupName, workspaceName, options));
    }

    /// <summary>
    /// Registers an <see cref="MLClient"/> from configuration (for example an <c>IConfigurationSection</c>) with the keys
    /// <c>subscriptionId</c>, <c>resourceGroupName</c> and <c>workspaceName</c>, plus any <see cref="MLClientOptions"/>.
    /// </summary>
    /// <typeparam name="TBuilder">The Azure client factory builder.</typeparam>
    /// <typeparam name="TConfiguration">The configuration type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="configuration">The configuration.</param>
    [RequiresUnreferencedCode("Binding clients from configuration uses reflection on MLClient's constructor and MLClientOptions.")]
    [RequiresDynamicCode("Binding clients from configuration uses reflection on MLClient's constructor and MLClientOptions.")]
    public static IAzureClientBuilder<MLClient, MLClientOptions> AddMLClient<TBuilder, TConfiguration>(this TBuilder builder, TConfiguration configuration)
        where TBuilder : IAzureClientFactoryBuilderWithConfiguration<TConfiguration>
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RegisterClientFactory<MLClient, MLClientOptions>(configuration);
    }
}
