//! AI accelerators, 2020 to 2025: peak throughput per precision as each
//! source states it (dense or 2:4 sparse), board power, memory.
//!
//! Figures marked from Epoch AI come from its Machine Learning Hardware
//! database, © Epoch AI, licensed CC-BY 4.0
//! (<https://epoch.ai/data/machine-learning-hardware>), snapshot of
//! 2025-12-10; Epoch states tensor figures dense.

use crate::accelerator::{Accelerator, PeakThroughput as Pk};
use crate::date::ReleaseDate as D;
use crate::precision::Precision::{Bf16, Fp4, Fp8, Fp32, Fp64, Int8, Tf32};
use crate::precision::Sparsity::{Dense as Dn, Sparse as Sp};

const EPOCH: &str = "Epoch AI, Machine Learning Hardware database (CC-BY 4.0), snapshot 2025-12-10";
const GIB: f64 = 1_073_741_824.0;

const A100_SXM: &[Pk] = &[
    Pk::catalog(Fp64, 9.7e12, Dn),
    Pk::catalog(Fp32, 19.5e12, Dn),
    Pk::catalog(Tf32, 156.0e12, Dn),
    Pk::catalog(Bf16, 312.0e12, Dn),
    Pk::catalog(Int8, 624.0e12, Dn),
];
const A100_SRC: &str = "NVIDIA A100 Tensor Core GPU datasheet (nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf), via glennklockwood.com/garden/processors/A100";

const H100_SXM: &[Pk] = &[
    Pk::catalog(Fp64, 34.0e12, Dn),
    Pk::catalog(Fp32, 67.0e12, Dn),
    Pk::catalog(Tf32, 989.0e12, Sp),
    Pk::catalog(Bf16, 1979.0e12, Sp),
    Pk::catalog(Fp8, 3958.0e12, Sp),
    Pk::catalog(Int8, 3958.0e12, Sp),
];
const H100_SRC: &str = "NVIDIA H100 Tensor Core GPU datasheet, SXM column (tensor figures \"with sparsity\"), table reprinted by HPC Tech (archive-lib.hpctech.co.jp/gpuproduct/nvidia-h100.html); glennklockwood.com/garden/processors/h100";
const H100_PCIE_SRC: &str = "NVIDIA H100 Tensor Core GPU datasheet, PCIe column (tensor figures \"with sparsity\"), table reprinted by HPC Tech (archive-lib.hpctech.co.jp/gpuproduct/nvidia-h100.html)";

const H100_PCIE: &[Pk] = &[
    Pk::catalog(Fp64, 26.0e12, Dn),
    Pk::catalog(Fp32, 51.0e12, Dn),
    Pk::catalog(Tf32, 756.0e12, Sp),
    Pk::catalog(Bf16, 1513.0e12, Sp),
    Pk::catalog(Fp8, 3026.0e12, Sp),
    Pk::catalog(Int8, 3026.0e12, Sp),
];

const H200_SRC: &str = "NVIDIA H200 specifications as reprinted by lzwjava.github.io and ai-hpc.github.io (FP8 3,958 TFLOPS with sparsity, compute identical to H100 SXM); aiwiki.ai/wiki/nvidia_h200";

const B200: &[Pk] = &[
    Pk::catalog(Fp64, 37.0e12, Dn),
    Pk::catalog(Fp32, 75.0e12, Dn),
    Pk::catalog(Tf32, 2.25e15, Sp),
    Pk::catalog(Bf16, 4.5e15, Sp),
    Pk::catalog(Fp8, 9.0e15, Sp),
    Pk::catalog(Int8, 9.0e15, Sp),
    Pk::catalog(Fp4, 9.0e15, Dn),
];

const GB200: &[Pk] = &[
    Pk::catalog(Fp64, 45.0e12, Dn),
    Pk::catalog(Fp32, 90.0e12, Dn),
    Pk::catalog(Tf32, 2.5e15, Sp),
    Pk::catalog(Bf16, 5.0e15, Sp),
    Pk::catalog(Fp8, 10.0e15, Sp),
    Pk::catalog(Int8, 10.0e15, Sp),
    Pk::catalog(Fp4, 20.0e15, Sp),
];

const B300: &[Pk] = &[
    Pk::catalog(Fp64, 1.25e12, Dn),
    Pk::catalog(Fp32, 75.0e12, Dn),
    Pk::catalog(Tf32, 2.25e15, Sp),
    Pk::catalog(Bf16, 4.5e15, Sp),
    Pk::catalog(Fp8, 9.0e15, Sp),
    Pk::catalog(Fp4, 14.0e15, Dn),
];

const GB300: &[Pk] = &[
    Pk::catalog(Fp64, 1.3e12, Dn),
    Pk::catalog(Fp32, 80.0e12, Dn),
    Pk::catalog(Tf32, 1.25e15, Dn),
    Pk::catalog(Bf16, 2.5e15, Dn),
    Pk::catalog(Fp8, 5.0e15, Dn),
    Pk::catalog(Int8, 0.165e15, Dn),
    Pk::catalog(Fp4, 15.0e15, Dn),
];
const VERDA: &str = "Verda (DataCrunch), \"NVIDIA GB300 NVL72: GPU architecture & performance\", per-GPU table without sparsity (verda.com/blog/gb300-nvl72-architecture)";

const L40S: &[Pk] = &[
    Pk::catalog(Fp32, 91.6e12, Dn),
    Pk::catalog(Tf32, 183.0e12, Dn),
    Pk::catalog(Bf16, 362.05e12, Dn),
    Pk::catalog(Fp8, 733.0e12, Dn),
];

const MI250X: &[Pk] = &[
    Pk::catalog(Fp64, 47.9e12, Dn),
    Pk::catalog(Fp32, 47.9e12, Dn),
    Pk::catalog(Bf16, 383.0e12, Dn),
    Pk::catalog(Int8, 383.0e12, Dn),
];

const MI300X: &[Pk] = &[
    Pk::catalog(Fp64, 81.7e12, Dn),
    Pk::catalog(Fp32, 163.4e12, Dn),
    Pk::catalog(Tf32, 653.7e12, Dn),
    Pk::catalog(Bf16, 1307.4e12, Dn),
    Pk::catalog(Fp8, 2614.9e12, Dn),
    Pk::catalog(Int8, 2614.9e12, Dn),
];
const MI300_SRC: &str = "AMD Instinct MI300X/MI325X datasheet figures (dense): Epoch AI (FP64, FP32, TF32, FP16, INT8); FP8 2,614.9 TFLOPS dense / 5,229.8 sparse as reprinted by awesomeagents.ai/hardware/amd-mi325x";

const MI350X: &[Pk] = &[
    Pk::catalog(Bf16, 2.3096e15, Dn),
    Pk::catalog(Fp8, 4.614e15, Dn),
    Pk::catalog(Int8, 4.614e15, Dn),
    Pk::catalog(Fp4, 9.2e15, Dn),
];

const MI355X: &[Pk] = &[
    Pk::catalog(Fp32, 157.3e12, Dn),
    Pk::catalog(Bf16, 2.5166e15, Dn),
    Pk::catalog(Fp8, 5.0332e15, Dn),
    Pk::catalog(Int8, 5.0332e15, Dn),
    Pk::catalog(Fp4, 10.0663e15, Dn),
];
const TOMS_MI350: &str = "Tom's Hardware, \"AMD's Instinct MI355X accelerator will reportedly consume 1,400 watts\" (ISC 2025): MI350X 1,000 W air, MI355X 1,400 W liquid, 288 GB HBM3E, 8 TB/s";

const TPU_V4: &[Pk] = &[
    Pk::catalog(Bf16, 275.0e12, Dn),
    Pk::catalog(Int8, 275.0e12, Dn),
];
const TPU_V5E: &[Pk] = &[
    Pk::catalog(Bf16, 197.0e12, Dn),
    Pk::catalog(Int8, 393.0e12, Dn),
];
const TPU_V5P: &[Pk] = &[
    Pk::catalog(Bf16, 459.0e12, Dn),
    Pk::catalog(Int8, 918.0e12, Dn),
];
const TPU_V6E: &[Pk] = &[
    Pk::catalog(Bf16, 918.0e12, Dn),
    Pk::catalog(Int8, 1836.0e12, Dn),
];
const TPU_V7: &[Pk] = &[
    Pk::catalog(Bf16, 2307.0e12, Dn),
    Pk::catalog(Fp8, 4614.0e12, Dn),
];

const TRAINIUM2: &[Pk] = &[
    Pk::catalog(Fp32, 181.0e12, Dn),
    Pk::catalog(Tf32, 667.0e12, Dn),
    Pk::catalog(Bf16, 667.0e12, Dn),
    Pk::catalog(Fp8, 1299.0e12, Dn),
];

const GAUDI3: &[Pk] = &[
    Pk::catalog(Bf16, 1835.0e12, Dn),
    Pk::catalog(Fp8, 1835.0e12, Dn),
];
const GAUDI3_SRC: &str = "Intel, \"Intel Gaudi 3 AI Accelerator\", Hot Chips 2024 slides (R. Kaplan), reprinted at sgpjbg.com/baogao/465025.html";

/// The catalog's accelerators, by vendor then release.
pub(crate) static ACCELERATORS: [Accelerator; 21] = [
    Accelerator::catalog(
        "NVIDIA A100 SXM4 80GB",
        "NVIDIA",
        D::of(2020, 11),
        Some(400.0),
        (Some(80.0e9), Some(2.039e12)),
        A100_SXM,
        (A100_SRC, A100_SRC, A100_SRC),
        Some(
            "datasheet also lists 2:4-sparse figures (twice these) and FP64 Tensor Core 19.5 TFLOPS; the 40 GB part (May 2020) has the same compute. Epoch AI computes 9.746 TFLOPS FP64",
        ),
    ),
    Accelerator::catalog(
        "NVIDIA H100 SXM",
        "NVIDIA",
        D::of(2022, 9),
        Some(700.0),
        (Some(80.0e9), Some(3.35e12)),
        H100_SXM,
        (H100_SRC, H100_SRC, H100_SRC),
        Some(
            "TF32, BF16/FP16, FP8 and INT8 are stated with sparsity (dense is half: BF16 989.5, FP8 1,979 TFLOPS); FP64 Tensor Core 67 TFLOPS. Epoch AI's row has no FP8 figure. Release: Epoch AI's date",
        ),
    ),
    Accelerator::catalog(
        "NVIDIA H100 PCIe",
        "NVIDIA",
        D::of(2022, 9),
        Some(350.0),
        (Some(80.0e9), Some(2.0e12)),
        H100_PCIE,
        (
            H100_PCIE_SRC,
            "NVIDIA H100 PCIe product brief PB-11133-001_v02 (Nov 2022): 350 W maximum TDP, via manuals.plus",
            H100_PCIE_SRC,
        ),
        Some(
            "TF32, BF16/FP16, FP8 and INT8 are stated with sparsity; FP64 Tensor Core 51 TFLOPS. The datasheet gives the TDP as 300-350 W (350 W listed) and bandwidth as 2,000 GB/s; Epoch AI lists 2.04 TB/s and dense 378/756 TFLOPS TF32/BF16",
        ),
    ),
    Accelerator::catalog(
        "NVIDIA H200 SXM",
        "NVIDIA",
        D::of(2024, 0),
        Some(700.0),
        (Some(141.0e9), Some(4.8e12)),
        H100_SXM,
        (H200_SRC, H200_SRC, H200_SRC),
        Some(
            "same GH100 silicon as H100 SXM, tensor figures with sparsity. Announced 13 Nov 2023, shipping from Q2 2024; Epoch AI dates it 2024-11-18",
        ),
    ),
    Accelerator::catalog(
        "NVIDIA B200",
        "NVIDIA",
        D::of(2024, 11),
        Some(1000.0),
        (Some(180.0e9), Some(8.0e12)),
        B200,
        (
            "NVIDIA HGX B200 datasheet, 8-GPU totals divided by 8 (table reprinted by fibermall.com); FP4 dense 9 PFLOPS also in glennklockwood.com/garden/processors/B200",
            "glennklockwood.com/garden/processors/B200 (HGX B200 at 1,000 W); MLCommons inference v6.0 system description (B200 TGP 1000W)",
            "NVIDIA DGX B200 User Guide (1,440 GB for 8 GPUs); bandwidth glennklockwood.com (8 TB/s)",
        ),
        Some(
            "glennklockwood lists FP64 40 and FP32 80 TFLOPS for the same part, Epoch AI 31 and 62; Epoch gives 7.7 TB/s. 192 GB HBM3e physical, 180 GB usable. Announced Mar 2024; month is Epoch AI's",
        ),
    ),
    Accelerator::catalog(
        "NVIDIA B300",
        "NVIDIA",
        D::of(2025, 8),
        Some(1100.0),
        (Some(270.0e9), Some(7.7e12)),
        B300,
        (
            "NVIDIA HGX B300 NVL16 table, 8-GPU totals divided by 8 (FP64 10 TF, FP32 600 TF, TF32 18, FP16 36, FP8 72 PFLOPS with sparsity), reprinted by fibermall.com; FP4 dense from Verda (verda.com/blog/gb300-nvl72-architecture)",
            VERDA,
            VERDA,
        ),
        Some(
            "Blackwell Ultra. Dense FP4 disagrees across sources: 14 PFLOPS (Verda, Epoch AI), 13.1 (glennklockwood.com). INT8 left out: sources give 0.125 to 0.16 POPS dense. 288 GB HBM3e physical. Month is Epoch AI's",
        ),
    ),
    Accelerator::catalog(
        "NVIDIA GB200 (per GPU)",
        "NVIDIA",
        D::of(2025, 2),
        Some(1200.0),
        (Some(186.0e9), Some(8.0e12)),
        GB200,
        (
            "glennklockwood.com/garden/processors/B200, GB200 variant at 1,200 W (from NVIDIA's GB200 NVL72 datasheet; rack totals 1.44 EFLOPS FP4, 720 PFLOPS FP8, aiwiki.ai)",
            "glennklockwood.com/garden/processors/B200 (GB200 configured to 1,200 W)",
            EPOCH,
        ),
        Some(
            "one Blackwell GPU of a GB200 superchip (2 GPUs + 1 Grace CPU); the CPU's power is not included. First NVL72 racks delivered late 2024; month is Epoch AI's",
        ),
    ),
    Accelerator::catalog(
        "NVIDIA GB300 (per GPU)",
        "NVIDIA",
        D::of(2025, 7),
        Some(1400.0),
        (Some(279.0e9), Some(8.0e12)),
        GB300,
        (
            "Verda (verda.com/blog/gb300-nvl72-architecture), dense; FP64 from Epoch AI",
            VERDA,
            VERDA,
        ),
        Some(
            "GB300 NVL72 rack: 1.08 EFLOPS dense FP4, 360 PFLOPS dense FP8. 288 GB HBM3e physical, 279 GB usable. First racks delivered Jul 2025 (aiwiki.ai); Epoch AI dates it 2025-08-22",
        ),
    ),
    Accelerator::catalog(
        "NVIDIA L40S",
        "NVIDIA",
        D::of(2023, 0),
        Some(350.0),
        (Some(48.0e9), Some(864.0e9)),
        L40S,
        (
            "NVIDIA L40S datasheet, dense column (sparse 366/733/1,466 TFLOPS), table reprinted by mullet.se",
            "NVIDIA L40S datasheet (350 W max), reprinted by mullet.se",
            "NVIDIA L40S datasheet (48 GB GDDR6, 864 GB/s)",
        ),
        Some(
            "Ada Lovelace, PCIe, air-cooled. INT8 and FP64 not in the reprinted table. Released Q3 2023 (gpu.blog)",
        ),
    ),
    Accelerator::catalog(
        "AMD Instinct MI250X",
        "AMD",
        D::of(2021, 11),
        Some(560.0),
        (Some(128.0e9), Some(3.2e12)),
        MI250X,
        (
            "AMD Instinct MI200 launch spec table (Nov 2021) as reprinted by zexron.com",
            "zexron.com (AMD launch: 560 W)",
            "zexron.com (128 GB HBM2e, 3.2 TB/s)",
        ),
        Some(
            "FP64/FP32 matrix peak 95.7 TFLOPS (vector listed); CDNA 2 has no structured sparsity",
        ),
    ),
    Accelerator::catalog(
        "AMD Instinct MI300X",
        "AMD",
        D::of(2023, 12),
        Some(750.0),
        (Some(192.0e9), Some(5.3e12)),
        MI300X,
        (MI300_SRC, EPOCH, EPOCH),
        Some(
            "FP64 matrix 163.4 TFLOPS; AMD also publishes 2:4-sparse figures (twice the dense). Launched 6 Dec 2023",
        ),
    ),
    Accelerator::catalog(
        "AMD Instinct MI325X",
        "AMD",
        D::of(2024, 10),
        Some(1000.0),
        (Some(256.0e9), Some(6.0e12)),
        MI300X,
        (
            MI300_SRC,
            "awesomeagents.ai/hardware/amd-mi325x; Epoch AI",
            "awesomeagents.ai/hardware/amd-mi325x (256 GB HBM3e, 6 TB/s)",
        ),
        Some("same CDNA 3 compute as MI300X with HBM3e; released 10 Oct 2024"),
    ),
    Accelerator::catalog(
        "AMD Instinct MI350X",
        "AMD",
        D::of(2025, 6),
        Some(1000.0),
        (Some(288.0e9), Some(8.0e12)),
        MI350X,
        (EPOCH, TOMS_MI350, TOMS_MI350),
        Some(
            "air-cooled CDNA 4. FP4/FP6 18.45 PFLOPS with sparsity (Tom's Hardware) matches the dense 9.2. FP64 left out: not confirmed",
        ),
    ),
    Accelerator::catalog(
        "AMD Instinct MI355X",
        "AMD",
        D::of(2025, 6),
        Some(1400.0),
        (Some(288.0e9), Some(8.0e12)),
        MI355X,
        (
            "Epoch AI (FP16, INT8; FP4 from its INT4 column); svethardware.cz (AMD launch: FP32 157.3 TFLOPS, INT8 5 POPS dense); ISSCC 2026 as reported by world-today-news.com (FP8 5 PFLOPS)",
            TOMS_MI350,
            TOMS_MI350,
        ),
        Some(
            "Epoch AI's FP8 (4.6 PF) and FP4 (9.2 PF) columns for MI355X repeat the MI350X values; the listed FP8/FP4 follow AMD (20.1 PFLOPS FP4 with sparsity, i.e. 10.1 dense). Liquid-cooled; announced 12 Jun 2025",
        ),
    ),
    Accelerator::catalog(
        "Google TPU v4",
        "Google",
        D::of(2021, 5),
        Some(192.0),
        (Some(32.0 * GIB), Some(1.2e12)),
        TPU_V4,
        (
            "Google Cloud TPU v4 documentation (cloud.google.com/tpu/docs/v4): 275 TFLOPS bf16 or int8",
            "Google Cloud TPU v4 documentation: measured min/mean/max power 90/170/192 W",
            "Google Cloud TPU v4 documentation: 32 GiB HBM2, 1,200 GBps",
        ),
        Some(
            "Google publishes measured power, not a TDP: the maximum (192 W) is listed; Epoch AI uses the mean (170 W)",
        ),
    ),
    Accelerator::catalog(
        "Google TPU v5e",
        "Google",
        D::of(2023, 8),
        Some(140.0),
        (Some(16.0e9), Some(819.0e9)),
        TPU_V5E,
        (
            "Google Cloud TPU v5e documentation (docs.cloud.google.com/tpu/docs/v5e): 197 TFLOPS bf16, 393 TOPS int8",
            EPOCH,
            "Google Cloud TPU v5e documentation: 16 GB HBM2, 819 GBps",
        ),
        Some("Google publishes no TDP; 140 W is Epoch AI's figure, basis not stated"),
    ),
    Accelerator::catalog(
        "Google TPU v5p",
        "Google",
        D::of(2023, 12),
        None,
        (Some(95.0e9), Some(2.765e12)),
        TPU_V5P,
        (
            "Google Cloud TPU v5p documentation (cloud.google.com/tpu/docs/v5p): 459 TFLOPS bf16; INT8 918 TOPS from Epoch AI",
            "none published (Epoch AI writes inf)",
            "Google Cloud TPU v5p documentation: 95 GB HBM2e, 2,765 GBps",
        ),
        Some("no published power, so no efficiency"),
    ),
    Accelerator::catalog(
        "Google TPU v6e Trillium",
        "Google",
        D::of(2024, 5),
        None,
        (Some(32.0e9), Some(1.638e12)),
        TPU_V6E,
        (
            "Google Cloud TPU v6e documentation (docs.cloud.google.com/tpu/docs/v6e): 918 TFLOPS bf16, 1,836 TOPS int8",
            "none published (Epoch AI writes inf)",
            "Google Cloud TPU v6e documentation: 32 GB, 1,638 GBps",
        ),
        Some(
            "no published power, so no efficiency. Announced May 2024, generally available Dec 2024",
        ),
    ),
    Accelerator::catalog(
        "Google TPU v7 Ironwood",
        "Google",
        D::of(2025, 11),
        Some(980.0),
        (Some(192.0e9), Some(7.37e12)),
        TPU_V7,
        (
            "aiwiki.ai/wiki/tpu_ironwood (Google Cloud Next 2025: 4,614 TFLOPS FP8 per chip); BF16 from Epoch AI",
            EPOCH,
            "aiwiki.ai/wiki/tpu_ironwood: 192 GB HBM3E, 7.37 TB/s",
        ),
        Some(
            "unveiled 9 Apr 2025; month is Epoch AI's general-availability date. Google publishes no TDP; 980 W is Epoch AI's figure",
        ),
    ),
    Accelerator::catalog(
        "AWS Trainium2",
        "Amazon",
        D::of(2024, 12),
        Some(500.0),
        (Some(96.0 * GIB), Some(2.9e12)),
        TRAINIUM2,
        (
            "AWS Neuron documentation, Trainium2 architecture (awsdocs-neuron.readthedocs-hosted.com): 1,299 FP8, 667 BF16/FP16/TF32, 181 FP32 TFLOPS",
            EPOCH,
            "AWS Neuron documentation, Trainium2 NKI architecture guide: 96 GiB, 2.9 TB/s",
        ),
        Some(
            "AWS also quotes 2,563 TFLOPS \"sparse\" for FP8/FP16/BF16/TF32 alike, which is not a 2:4 doubling of each, so it is left out. AWS publishes no TDP; 500 W is Epoch AI's figure",
        ),
    ),
    Accelerator::catalog(
        "Intel Gaudi 3",
        "Intel",
        D::of(2024, 9),
        Some(900.0),
        (Some(128.0e9), Some(3.67e12)),
        GAUDI3,
        (GAUDI3_SRC, GAUDI3_SRC, GAUDI3_SRC),
        Some(
            "900 W air-cooled OAM (1,200 W liquid-cooled). Epoch AI lists 1,678 TFLOPS BF16/FP8, below Intel's 1,835. Announced Apr 2024; month is Epoch AI's",
        ),
    ),
];
