//! wattage facade (in progress).
#![no_std]
