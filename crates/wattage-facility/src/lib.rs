//! wattage-facility (in progress).
#![no_std]
