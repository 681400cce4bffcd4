//! Trait impls that must not silently disappear.

use std::fmt::{Debug, Display};
use std::hash::Hash;

use wattage_mining::{
    BlockHeight, CompactTarget, ConsensusParams, Difficulty, Error, HalvingEpoch, Target,
};

fn copy_value<T: Copy + Clone + Debug + Send + Sync + 'static>() {}
fn eq_hash<T: Eq + Hash>() {}
fn display<T: Display>() {}

#[test]
fn value_types_are_copy_send_sync() {
    copy_value::<BlockHeight>();
    copy_value::<HalvingEpoch>();
    copy_value::<CompactTarget>();
    copy_value::<Target>();
    copy_value::<Difficulty>();
    copy_value::<ConsensusParams>();
    eq_hash::<BlockHeight>();
    eq_hash::<HalvingEpoch>();
    eq_hash::<CompactTarget>();
    eq_hash::<Target>();
    display::<BlockHeight>();
    display::<CompactTarget>();
    display::<Target>();
    display::<Difficulty>();
}

#[test]
fn error_is_std_error_send_sync_static() {
    fn check<T: std::error::Error + Send + Sync + 'static + Clone + PartialEq>() {}
    check::<Error>();
}
