SELECT "open ident;
