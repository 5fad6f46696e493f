using Azure;

namespace AzureMlflow.Deploy.Core;

/// <summary>An <see cref="AsyncPageable{T}"/> over pages gathered from several lists (which no single continuation token can resume).</summary>
internal sealed class AsyncPagesPageable<T>(Func<CancellationToken, IAsyncEnumerable<Page<T>>> pages, CancellationToken cancellationToken)
    : AsyncPageable<T>(cancellationToken) where T : notnull
{
    public override IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null) => pages(CancellationToken);
}
