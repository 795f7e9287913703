# Unit, store and service tests of the disclosure module.
