ALTER TYPE address ADD ATTRIBUTE country text;
