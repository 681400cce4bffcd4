//! Servers and racks with their maximum power draw.

use crate::cooling::Cooling::{Air, Hydro};
use crate::system::System;

/// The catalog's systems.
pub(crate) static SYSTEMS: [System; 3] = [
    System::catalog(
        "DGX H100",
        "NVIDIA",
        "NVIDIA H100 SXM",
        8,
        10_200.0,
        Air,
        "NVIDIA DGX H100 user guide, as summarized by supercluster.blog (\"6. AI Supercluster: NVIDIA DGX power, cooling and efficiency\"): up to 10.2 kW at full load, 4 x 3,000 W PSUs",
        Some(
            "typical draw 6.5 to 8.5 kW depending on workload; NVIDIA's SuperPOD guide budgets 40.8 kW for four systems per rack",
        ),
    ),
    System::catalog(
        "DGX B200",
        "NVIDIA",
        "NVIDIA B200",
        8,
        14_300.0,
        Air,
        "NVIDIA DGX B200 User Guide, \"Introduction to NVIDIA DGX B200 Systems\" (docs.nvidia.com/dgx/dgxb200-user-guide): 14.3 kW max, 6 x 3.3 kW PSUs (5+1)",
        None,
    ),
    System::catalog(
        "GB200 NVL72",
        "NVIDIA",
        "NVIDIA GB200 (per GPU)",
        72,
        120_000.0,
        Hydro,
        "Introl, \"GB200 NVL72 deployment: managing 72 GPUs in liquid-cooled configurations\" (about 120 kW per rack); NVIDIA DGX GB200 user guide (18 compute trays of 4 GPUs, 9 NVLink switch trays)",
        Some(
            "about 120 kW; includes the 36 Grace CPUs and NVLink switch trays. Integrators quote up to 132 kW of power-shelf capacity and about 5.4 kW per compute tray",
        ),
    ),
];
