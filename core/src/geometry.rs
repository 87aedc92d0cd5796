//! Map geometry: rings, sectors, placement, snapping, hit testing, automatic layout.
