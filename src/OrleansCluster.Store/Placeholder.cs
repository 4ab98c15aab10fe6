namespace OrleansCluster.Store; internal static class Placeholder { }
