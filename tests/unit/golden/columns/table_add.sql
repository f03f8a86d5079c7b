
-- step: expand:create-table:public.posts
-- phase: expand
-- locks: AE public.posts (brief), SRE public.users (brief)
CREATE TABLE public.posts (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    body text DEFAULT ''::text,
    CONSTRAINT posts_pkey PRIMARY KEY (id),
    CONSTRAINT posts_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id)
);
CREATE INDEX posts_user_id_idx ON public.posts USING btree (user_id);
COMMENT ON TABLE public.posts IS 'What users write';
ALTER TABLE public.posts ENABLE ROW LEVEL SECURITY;
CREATE POLICY posts_own ON public.posts AS PERMISSIVE FOR SELECT TO PUBLIC USING ((user_id > 0));
CREATE TRIGGER posts_touch BEFORE UPDATE ON public.posts FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger();
ALTER TABLE public.posts DISABLE TRIGGER posts_touch;
-- rollback:
--   DROP TABLE public.posts;
