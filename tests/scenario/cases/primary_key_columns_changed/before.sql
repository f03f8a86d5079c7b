-- A relation's members keyed by every column; another table's foreign key holds on to that key.
CREATE TABLE public.members (
    relation_id integer NOT NULL,
    member_type text NOT NULL,
    member_id integer NOT NULL,
    sequence_id integer,
    CONSTRAINT members_pkey PRIMARY KEY (relation_id, member_type, member_id)
);

CREATE TABLE public.member_notes (
    id serial PRIMARY KEY,
    relation_id integer NOT NULL,
    member_type text NOT NULL,
    member_id integer NOT NULL,
    sequence_id integer,
    note text,
    CONSTRAINT member_notes_member_fkey FOREIGN KEY (relation_id, member_type, member_id)
        REFERENCES public.members (relation_id, member_type, member_id)
);
CREATE INDEX member_notes_member ON public.member_notes (relation_id, member_type, member_id);
