namespace BookMeAtOz.AspNetCore;

/// <summary>The keys of BookMeAtOz's keyed services, so that they never replace or use the host's own.</summary>
public static class BookMeAtOzServiceKeys
{
    /// <summary>BookMeAtOz's <c>HybridCache</c> and its second-level <c>IDistributedCache</c>.</summary>
    public const string Cache = "BookMeAtOz";
}
