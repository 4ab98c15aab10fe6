namespace OrleansCluster.Benchmarks;

/// <summary>The raw grain-write floor: a grain that only writes a small record through Orleans' ADO.NET storage.</summary>
public interface IFloorGrain : IGrainWithStringKey
{
    Task Write(int value);
}

/// <summary>The floor grain's state: a small record, stored as plain JSON.</summary>
public sealed class FloorRecord
{
    public int Value { get; set; }

    public DateTime WrittenAt { get; set; }
}

public sealed class FloorGrain([PersistentState("floor", FloorSilo.StorageName)] IPersistentState<FloorRecord> state)
    : Grain, IFloorGrain
{
    async Task IFloorGrain.Write(int value)
    {
        state.State.Value = value;
        state.State.WrittenAt = DateTime.UtcNow;
        await state.WriteStateAsync();
    }
}
