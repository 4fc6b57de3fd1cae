"""The rules, as data: installed as ``tnr_claims.patterns`` so that a wheel carries them."""
