"""The screens of the reading app beyond the main one."""
