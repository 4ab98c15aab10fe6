namespace OrleansCluster.Core.FieldValidation;

/// <summary>The <c>fieldValidation</c> query parameter of create, update and patch.</summary>
public enum FieldValidationMode
{
    /// <summary>Drop unknown fields and keep the last of duplicates, silently.</summary>
    Ignore,

    /// <summary>Succeed, but report every finding as a <c>Warning: 299</c> header. Kubernetes' default.</summary>
    Warn,

    /// <summary>Reject the request with a 400 <c>BadRequest</c> listing every finding.</summary>
    Strict,
}
