SELECT count(*) = 0 FROM drafts
