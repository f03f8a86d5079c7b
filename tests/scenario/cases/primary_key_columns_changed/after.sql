-- The key moves to (relation_id, sequence_id); sequence_id becomes NOT NULL (its default fills
-- any NULL) and the foreign key follows the new key.
CREATE TABLE public.members (
    relation_id integer NOT NULL,
    member_type text NOT NULL,
    member_id integer NOT NULL,
    sequence_id integer DEFAULT 0 NOT NULL,
    CONSTRAINT members_pkey PRIMARY KEY (relation_id, sequence_id)
);

CREATE TABLE public.member_notes (
    id serial PRIMARY KEY,
    relation_id integer NOT NULL,
    member_type text NOT NULL,
    member_id integer NOT NULL,
    sequence_id integer,
    note text,
    CONSTRAINT member_notes_member_fkey FOREIGN KEY (relation_id, sequence_id)
        REFERENCES public.members (relation_id, sequence_id)
);
CREATE INDEX member_notes_member ON public.member_notes (relation_id, member_type, member_id);
CREATE INDEX member_notes_sequence ON public.member_notes (relation_id, sequence_id);
