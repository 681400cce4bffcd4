//! The one definition of the "which file did this error come from" methods
//! that the error types of the member crates share.

/// What [`impl_in_source!`](crate::impl_in_source) expands to needs `String`
/// and `Box` whether or not the calling crate names `alloc`.
#[doc(hidden)]
pub mod __private {
    pub use alloc::boxed::Box;
    pub use alloc::string::String;
}

/// Gives an error enum with a variant
/// `InSource { name: String, error: Box<Self> }` the methods `in_source`,
/// `source_name` and `without_source`, written once for the error types of
/// `wattage-hardware`, `wattage-mining` and `wattage-facility`.
///
/// Doc attributes before the type name are added to `in_source`'s
/// documentation (an example, say). Not meant for use outside the wattage
/// crates: its expansion may change with them.
#[doc(hidden)]
#[macro_export]
macro_rules! impl_in_source {
    ($(#[$extra:meta])* $error:ident) => {
        impl $error {
            /// This error, naming the file or source it came from (`name`). An
            /// error that already names its source keeps the name it has.
            $(#[$extra])*
            #[must_use]
            pub fn in_source(self, name: impl Into<$crate::__private::String>) -> Self {
                match self {
                    Self::InSource { .. } => self,
                    error => Self::InSource {
                        name: name.into(),
                        error: $crate::__private::Box::new(error),
                    },
                }
            }

            /// The name of the file or source the error came from, if it names one.
            #[must_use]
            pub fn source_name(&self) -> Option<&str> {
                match self {
                    Self::InSource { name, .. } => Some(name),
                    _ => None,
                }
            }

            /// The error itself, without the name of its source.
            #[must_use]
            pub fn without_source(&self) -> &Self {
                match self {
                    Self::InSource { error, .. } => error,
                    _ => self,
                }
            }
        }
    };
}

#[cfg(test)]
// The expansion's methods are `pub`, as in the crates that use it.
#[allow(unreachable_pub)]
mod tests {
    use alloc::boxed::Box;
    use alloc::string::String;

    #[derive(Debug, PartialEq)]
    enum Failure {
        Bad,
        InSource { name: String, error: Box<Failure> },
    }
    crate::impl_in_source!(Failure);

    #[test]
    fn the_first_name_stays_and_the_error_inside_is_reachable() {
        let named = Failure::Bad.in_source("a.csv").in_source("b.csv");
        assert_eq!(named.source_name(), Some("a.csv"));
        assert_eq!(named.without_source(), &Failure::Bad);
        assert_eq!(Failure::Bad.source_name(), None);
        assert_eq!(Failure::Bad.without_source(), &Failure::Bad);
    }
}
