using k8s;
using k8s.Models;
using OrleansCluster.Core.Printing;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Validation;

namespace OrleansCluster.Core.Kinds;

/// <summary>
/// Everything kind-specific the control plane knows about one kind, in one place: its names and scope
/// (<see cref="Type"/>), discovery facts, defaulting, validation, the <c>kubectl get</c> table and the
/// subresources it serves. Every kind lives in a folder of its own under <c>Kinds/</c> and is listed once in
/// <see cref="KindRegistry"/>; the defaulter, validator, printer and gateway look it up there.
/// </summary>
public abstract class KindDefinition
{
    /// <summary>Names on the wire, scope, model type, short names and selectable fields.</summary>
    public abstract ResourceType Type { get; }

    /// <summary>Categories such as <c>all</c> (what <c>kubectl get all</c> lists).</summary>
    public virtual IReadOnlyList<string> Categories => [];

    /// <summary>Subresources served under <c>…/{name}/{subresource}</c>: status, scale, binding, log, exec, finalize.</summary>
    public virtual IReadOnlyList<string> Subresources => [];

    /// <summary>Whether <c>DELETE</c> on the collection is served (namespaces have none, as in Kubernetes).</summary>
    public virtual bool DeleteCollection => true;

    /// <summary>The <c>kubectl get</c> table: columns and how to fill a row.</summary>
    public virtual KindPrinter Printer => DefaultPrinter.Printer;

    /// <summary>The rule names must follow (they end up in DNS): a DNS-1123 subdomain unless the kind says otherwise.</summary>
    public virtual Func<string, IReadOnlyList<string>> NameRule => NameSyntax.IsDns1123Subdomain;

    /// <summary>The <c>scale</c> subresource's view of an object, or null when the kind does not scale.</summary>
    public virtual ScaleView? Scale => null;

    /// <summary>Field defaults that hold on any write, applied in place before validation.</summary>
    public abstract void Default(object obj);

    /// <summary>Defaults plus what the API server sets only on create (initial status, admission defaults).</summary>
    public abstract void DefaultOnCreate(object obj);

    /// <summary>Defaults plus what an update keeps from the stored object (status, allocations the client omitted).</summary>
    public abstract void DefaultOnUpdate(object newObj, object oldObj);

    /// <summary>The kind's own rules for a new object (metadata is checked by <see cref="ObjectValidator"/>).</summary>
    public abstract IEnumerable<FieldError> Validate(object obj);

    /// <summary>The kind's own rules for an update, including what may not change.</summary>
    public abstract IEnumerable<FieldError> ValidateUpdate(object newObj, object oldObj);
}

/// <summary>A kind whose objects are of model type <typeparamref name="T"/>: override the typed hooks you need.</summary>
public abstract class KindDefinition<T> : KindDefinition
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public sealed override void Default(object obj) => OnDefault(Typed(obj));

    public sealed override void DefaultOnCreate(object obj) => OnCreate(Typed(obj));

    public sealed override void DefaultOnUpdate(object newObj, object oldObj) => OnUpdate(Typed(newObj), Typed(oldObj));

    public sealed override IEnumerable<FieldError> Validate(object obj) => OnValidate(Typed(obj));

    public sealed override IEnumerable<FieldError> ValidateUpdate(object newObj, object oldObj) =>
        OnValidateUpdate(Typed(newObj), Typed(oldObj));

    protected virtual void OnDefault(T obj)
    {
    }

    protected virtual void OnCreate(T obj) => OnDefault(obj);

    protected virtual void OnUpdate(T newObj, T oldObj) => OnDefault(newObj);

    protected virtual IEnumerable<FieldError> OnValidate(T obj) => [];

    protected virtual IEnumerable<FieldError> OnValidateUpdate(T newObj, T oldObj) => OnValidate(newObj);

    private T Typed(object obj) => obj as T
        ?? throw new ArgumentException($"expected a {typeof(T).Name} for kind {Type.Kind}, got {obj.GetType().Name}", nameof(obj));
}
