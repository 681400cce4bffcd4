//! wattage-hardware: under construction; see the workspace README.
#![no_std]
#![forbid(unsafe_code)]
