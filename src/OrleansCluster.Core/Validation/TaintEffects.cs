namespace OrleansCluster.Core.Validation;

/// <summary>The taint effects shared by node taints and pod tolerations.</summary>
public static class TaintEffects
{
    public const string NoSchedule = "NoSchedule";
    public const string PreferNoSchedule = "PreferNoSchedule";
    public const string NoExecute = "NoExecute";

    public static readonly IReadOnlyList<string> All = [NoSchedule, PreferNoSchedule, NoExecute];

    public static IEnumerable<FieldError> Validate(string? effect, bool allowEmpty, string field)
    {
        if (string.IsNullOrEmpty(effect))
        {
            if (!allowEmpty)
            {
                yield return FieldError.Required(field);
            }
        }
        else if (!All.Contains(effect))
        {
            yield return FieldError.NotSupported(field, effect, All);
        }
    }
}
