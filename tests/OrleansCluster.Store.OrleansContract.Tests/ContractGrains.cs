namespace OrleansCluster.Store.OrleansContract.Tests;

/// <summary>A grain whose state and reminder exercise the storage and reminder queries.</summary>
public interface IContractGrain : IGrainWithStringKey
{
    Task SetAsync(string value);

    Task<string?> GetAsync();

    Task ClearAsync();

    Task RegisterReminderAsync(string name);

    Task<bool> HasReminderAsync(string name);

    Task UnregisterReminderAsync(string name);
}

[GenerateSerializer]
public sealed class ContractState
{
    [Id(0)]
    public string? Value { get; set; }
}

public sealed class ContractGrain([PersistentState("contract", ContractSilo.StorageName)] IPersistentState<ContractState> state)
    : Grain, IContractGrain, IRemindable
{
    async Task IContractGrain.SetAsync(string value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }

    Task<string?> IContractGrain.GetAsync() => Task.FromResult(state.State.Value);

    Task IContractGrain.ClearAsync() => state.ClearStateAsync();

    // Reminders need a period of at least a minute; the test only needs the row, not a tick.
    Task IContractGrain.RegisterReminderAsync(string name) =>
        this.RegisterOrUpdateReminder(name, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5));

    async Task<bool> IContractGrain.HasReminderAsync(string name) => await this.GetReminder(name) is not null;

    async Task IContractGrain.UnregisterReminderAsync(string name)
    {
        var reminder = await this.GetReminder(name);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
