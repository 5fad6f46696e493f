using Azure;

namespace AzureMlflow.Deploy.Core;

/// <summary>Fetches one page given the continuation token (the service's <c>nextLink</c>), sync or async.</summary>
internal delegate ValueTask<Page<T>> PageFetcher<T>(string? continuationToken, bool async, CancellationToken cancellationToken) where T : notnull;

/// <summary>Both <see cref="Pageable{T}"/> and <see cref="AsyncPageable{T}"/> over one page fetcher.</summary>
internal sealed class ArmPageable<T> where T : notnull
{
    private readonly PageFetcher<T> _fetch;
    private readonly CancellationToken _cancellationToken;

    public ArmPageable(PageFetcher<T> fetch, CancellationToken cancellationToken)
    {
        _fetch = fetch;
        _cancellationToken = cancellationToken;
    }

    public Pageable<T> Sync() => new SyncPageable(this);

    /// <summary>Reads every page, for internal callers that need the whole list (sync or async).</summary>
    public async ValueTask<List<T>> ToListAsync(bool async)
    {
        var all = new List<T>();
        string? next = null;
        do
        {
            Page<T> page = await _fetch(next, async, _cancellationToken).ConfigureAwait(false);
            all.AddRange(page.Values);
            next = page.ContinuationToken;
        }
        while (next is not null);
        return all;
    }

    public AsyncPageable<T> Async() => new AsyncPageableImpl(this);

    /// <summary>The same pages with only the items <paramref name="keep"/> accepts (for filters the service does not offer).</summary>
    public ArmPageable<T> Where(Func<T, bool> keep) => new(async (continuation, async, ct) =>
    {
        Page<T> page = await _fetch(continuation, async, ct).ConfigureAwait(false);
        return Page<T>.FromValues(page.Values.Where(keep).ToList(), page.ContinuationToken, page.GetRawResponse());
    }, _cancellationToken);

    private sealed class SyncPageable(ArmPageable<T> owner) : Pageable<T>(owner._cancellationToken)
    {
        public override IEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
        {
            string? next = continuationToken;
            do
            {
                Page<T> page = owner._fetch(next, false, owner._cancellationToken).EnsureCompleted();
                yield return page;
                next = page.ContinuationToken;
            }
            while (next is not null);
        }
    }

    private sealed class AsyncPageableImpl(ArmPageable<T> owner) : AsyncPageable<T>(owner._cancellationToken)
    {
        public override async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
        {
            string? next = continuationToken;
            do
            {
                Page<T> page = await owner._fetch(next, true, owner._cancellationToken).ConfigureAwait(false);
                yield return page;
                next = page.ContinuationToken;
            }
            while (next is not null);
        }
    }
}
