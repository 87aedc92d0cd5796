//! Key figures of the network and the plan (sizes, density, overload, gaps).
