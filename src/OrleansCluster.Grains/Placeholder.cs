namespace OrleansCluster.Grains; internal static class Placeholder { }
